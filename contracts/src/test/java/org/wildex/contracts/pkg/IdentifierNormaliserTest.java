package org.wildex.contracts.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierNormaliserTest {

  @ParameterizedTest(name = "{0} ''{1}'' ({2}) -> {3}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    // E.164: international forms, national forms with the identifier's country, trunk prefixes
    "phone | +86 138 0000 1234      | -  | +8613800001234",
    "phone | 0086-138-0000-1234     | -  | +8613800001234",
    "phone | 138 0000 1234          | CN | +8613800001234",
    "phone | (+86) 138.0000.1234    | -  | +8613800001234",
    "phone | 020 5555 0101          | LA | +8562055550101",
    "phone | +856 (0)20 5555 0101   | -  | +8562055550101",
    "phone | 0812 345 678           | TH | +66812345678",
    "phone | 06 1234 5678           | IT | +390612345678",
    "phone | 1 (202) 555-0143       | US | +12025550143",
    "phone | 8 912 345 67 89        | RU | +79123456789",
    "phone | 0912 345 678           | -  | 0912345678",
    "phone | ＋８６ １３８ ００００ １２３４ | - | +8613800001234",
    // numbers and codes: letters and digits only, case folded
    "passport             | E 1234-5678      | CN | e12345678",
    "company_registration | LA-01-2019-0457  | LA | la0120190457",
    "company_registration | la 01 2019 0457  | -  | la0120190457",
    "container            | MSCU 482915-7    | -  | mscu4829157",
    "flight               | KQ 886           | -  | kq886",
    "carrier_ref          | AWB 706-5550 1234 | - | awb70655501234",
    "vessel_imo           | IMO 9321483      | -  | 9321483",
    "national_id          | ＡＢ１２３      | -  | ab123",
    // names: punctuation away, spaces collapsed, case folded (ß folds to ss)
    "name | Zhang  Wei (alias)  | - | zhang wei alias",
    "name | Nguyễn Văn H.       | - | nguyễn văn h",
    "name | STRAßE Trading, Ltd. | - | strasse trading ltd",
    // URLs: scheme and host folded, default port, trailing slash and fragment dropped, path case kept
    "url | HTTPS://Shop.Example.CN:443/Item/883311/#photos | - | https://shop.example.cn/Item/883311",
    "url | https://shop.example.cn/Item/883311?ref=A        | - | https://shop.example.cn/Item/883311?ref=A",
  })
  void normalises(String kind, String value, String country, String expected) {
    assertThat(IdentifierNormaliser.normalise(kind, value, country)).isEqualTo(expected);
  }

  @Test
  void the_kind_of_an_identifier_type_is_its_lower_case_name() {
    assertThat(IdentifierNormaliser.kindOf(Identifier.Type.COMPANY_REGISTRATION)).isEqualTo("company_registration");
    assertThat(IdentifierNormaliser.kindOf(null)).isEqualTo("identifier");
  }

  @Test
  void unknown_kinds_are_folded_text() {
    assertThat(IdentifierNormaliser.normalise("something", "  Ａ  b\tC ", null)).isEqualTo("a b c");
  }

  @Test
  void every_country_calling_code_is_digits() {
    assertThat(IdentifierNormaliser.CALLING_CODES).allSatisfy((cc, code) -> {
      assertThat(cc).matches("[A-Z]{2}");
      assertThat(code).matches("[1-9][0-9]{0,2}");
    });
  }
}

package org.wildex.contracts.pkg;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place identifiers are normalised before they are pseudonymised, so the same identifier written two ways gives
 * the same token in every package. Every kind first gets Unicode NFKC, case folding (upper then lower case, root
 * locale), trimming and whitespace collapsed to one space; then, by kind (see docs/policy.md, "Pseudonyms"):
 *
 * <ul>
 *   <li>{@code phone}: E.164, {@code +<country code><number>}. A {@code +} before the first digit, or {@code 00}, starts an international number;
 *       a {@code (0)} after the country code is dropped. A national number becomes international with the calling
 *       code of {@code countryHint} (the identifier's country), dropping one trunk prefix ({@code 0}; {@code 1} for
 *       +1 countries; {@code 8} for RU, KZ, BY; none for IT, SM, VA). Without a known country it stays digits only.
 *   <li>{@code vessel_imo}: digits only ({@code IMO 9321483} → {@code 9321483}).
 *   <li>{@code passport}, {@code national_id}, {@code company_registration}, {@code flight}, {@code container},
 *       {@code carrier_ref}: letters and digits only (separators such as spaces, dashes, dots and slashes go).
 *   <li>{@code name}: punctuation removed, whitespace collapsed.
 *   <li>{@code url}: scheme and host lower case, default port, fragment and trailing slash dropped; path and query
 *       keep their case. Not parseable: as any other text.
 * </ul>
 */
public final class IdentifierNormaliser {

  /** Pseudonym kinds of names and other free identifiers that are not {@link Identifier.Type}s. */
  public static final String NAME = "name";

  public static final String CARRIER_REF = "carrier_ref";
  public static final String URL = "url";

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]+");
  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");

  private IdentifierNormaliser() {}

  /** Pseudonym kind of an identifier type: its name in lower case ({@code PHONE} → {@code phone}). */
  public static String kindOf(Identifier.Type type) {
    return type == null ? "identifier" : type.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The normalised form of {@code value} as an identifier of {@code kind}; {@code countryHint} (ISO 3166-1 alpha-2, may
   * be null) only matters for national phone numbers.
   */
  public static String normalise(String kind, String value, String countryHint) {
    String text = fold(value);
    return switch (kind) {
      case "phone" -> phone(text, countryHint);
      case "vessel_imo" -> NOT_DIGIT.matcher(text).replaceAll("");
      case "passport", "national_id", "company_registration", "flight", "container", CARRIER_REF ->
          NOT_ALNUM.matcher(text).replaceAll("");
      case NAME -> WHITESPACE.matcher(PUNCTUATION.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
      case URL -> url(Normalizer.normalize(value, Normalizer.Form.NFKC).strip(), text);
      default -> text;
    };
  }

  /** NFKC, case fold, trim, whitespace collapsed. */
  static String fold(String value) {
    String nfkc = Normalizer.normalize(value == null ? "" : value, Normalizer.Form.NFKC);
    String folded = nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return WHITESPACE.matcher(folded).replaceAll(" ").strip();
  }

  private static String phone(String text, String countryHint) {
    String t = text.replace("(0)", "");
    String digits = NOT_DIGIT.matcher(t).replaceAll("");
    int plus = t.indexOf('+');
    int firstDigit = digits.isEmpty() ? -1 : t.indexOf(digits.charAt(0));
    if (plus >= 0 && plus < firstDigit) {
      return "+" + digits;
    }
    if (digits.startsWith("00") && digits.length() > 4) {
      return "+" + digits.substring(2);
    }
    String country = countryHint == null ? null : countryHint.toUpperCase(Locale.ROOT);
    String code = country == null ? null : CALLING_CODES.get(country);
    if (code == null || digits.isEmpty()) {
      return digits;
    }
    String national = digits;
    if (code.equals("1")) {
      if (national.length() == 11 && national.startsWith("1")) {
        national = national.substring(1);
      }
    } else if (country.equals("RU") || country.equals("KZ") || country.equals("BY")) {
      if (national.length() == 11 && national.startsWith("8")) {
        national = national.substring(1);
      } else if (national.startsWith("0")) {
        national = national.substring(1);
      }
    } else if (!(country.equals("IT") || country.equals("SM") || country.equals("VA")) && national.startsWith("0")) {
      national = national.substring(1);
    }
    return "+" + code + national;
  }

  private static String url(String nfkc, String folded) {
    try {
      URI u = new URI(nfkc);
      if (u.getScheme() == null || u.getHost() == null) {
        return folded;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } catch (URISyntaxException e) {
      return folded;
    }
  }

  /** ITU-T E.164 country calling codes by ISO 3166-1 alpha-2 (Africa, Asia, Europe, the Americas, Oceania). */
  static final Map<String, String> CALLING_CODES =
      Map.ofEntries(
          // Africa
          Map.entry("DZ", "213"), Map.entry("AO", "244"), Map.entry("BJ", "229"), Map.entry("BW", "267"),
          Map.entry("BF", "226"), Map.entry("BI", "257"), Map.entry("CM", "237"), Map.entry("CV", "238"),
          Map.entry("CF", "236"), Map.entry("TD", "235"), Map.entry("KM", "269"), Map.entry("CG", "242"),
          Map.entry("CD", "243"), Map.entry("CI", "225"), Map.entry("DJ", "253"), Map.entry("EG", "20"),
          Map.entry("GQ", "240"), Map.entry("ER", "291"), Map.entry("SZ", "268"), Map.entry("ET", "251"),
          Map.entry("GA", "241"), Map.entry("GM", "220"), Map.entry("GH", "233"), Map.entry("GN", "224"),
          Map.entry("GW", "245"), Map.entry("KE", "254"), Map.entry("LS", "266"), Map.entry("LR", "231"),
          Map.entry("LY", "218"), Map.entry("MG", "261"), Map.entry("MW", "265"), Map.entry("ML", "223"),
          Map.entry("MR", "222"), Map.entry("MU", "230"), Map.entry("MA", "212"), Map.entry("MZ", "258"),
          Map.entry("NA", "264"), Map.entry("NE", "227"), Map.entry("NG", "234"), Map.entry("RW", "250"),
          Map.entry("ST", "239"), Map.entry("SN", "221"), Map.entry("SC", "248"), Map.entry("SL", "232"),
          Map.entry("SO", "252"), Map.entry("ZA", "27"), Map.entry("SS", "211"), Map.entry("SD", "249"),
          Map.entry("TZ", "255"), Map.entry("TG", "228"), Map.entry("TN", "216"), Map.entry("UG", "256"),
          Map.entry("ZM", "260"), Map.entry("ZW", "263"),
          // Asia and the Middle East
          Map.entry("AF", "93"), Map.entry("BD", "880"), Map.entry("BT", "975"), Map.entry("BN", "673"),
          Map.entry("KH", "855"), Map.entry("CN", "86"), Map.entry("HK", "852"), Map.entry("MO", "853"),
          Map.entry("TW", "886"), Map.entry("IN", "91"), Map.entry("ID", "62"), Map.entry("JP", "81"),
          Map.entry("KZ", "7"), Map.entry("KR", "82"), Map.entry("KP", "850"), Map.entry("KG", "996"),
          Map.entry("LA", "856"), Map.entry("MY", "60"), Map.entry("MV", "960"), Map.entry("MN", "976"),
          Map.entry("MM", "95"), Map.entry("NP", "977"), Map.entry("PK", "92"), Map.entry("PH", "63"),
          Map.entry("SG", "65"), Map.entry("LK", "94"), Map.entry("TJ", "992"), Map.entry("TH", "66"),
          Map.entry("TL", "670"), Map.entry("TM", "993"), Map.entry("UZ", "998"), Map.entry("VN", "84"),
          Map.entry("AE", "971"), Map.entry("BH", "973"), Map.entry("IR", "98"), Map.entry("IQ", "964"),
          Map.entry("IL", "972"), Map.entry("JO", "962"), Map.entry("KW", "965"), Map.entry("LB", "961"),
          Map.entry("OM", "968"), Map.entry("QA", "974"), Map.entry("SA", "966"), Map.entry("SY", "963"),
          Map.entry("TR", "90"), Map.entry("YE", "967"),
          // Europe
          Map.entry("AL", "355"), Map.entry("AT", "43"), Map.entry("BE", "32"), Map.entry("BG", "359"),
          Map.entry("BA", "387"), Map.entry("BY", "375"), Map.entry("CH", "41"), Map.entry("CY", "357"),
          Map.entry("CZ", "420"), Map.entry("DE", "49"), Map.entry("DK", "45"), Map.entry("EE", "372"),
          Map.entry("ES", "34"), Map.entry("FI", "358"), Map.entry("FR", "33"), Map.entry("GB", "44"),
          Map.entry("GR", "30"), Map.entry("HR", "385"), Map.entry("HU", "36"), Map.entry("IE", "353"),
          Map.entry("IS", "354"), Map.entry("IT", "39"), Map.entry("LT", "370"), Map.entry("LU", "352"),
          Map.entry("LV", "371"), Map.entry("MD", "373"), Map.entry("ME", "382"), Map.entry("MK", "389"),
          Map.entry("MT", "356"), Map.entry("NL", "31"), Map.entry("NO", "47"), Map.entry("PL", "48"),
          Map.entry("PT", "351"), Map.entry("RO", "40"), Map.entry("RS", "381"), Map.entry("RU", "7"),
          Map.entry("SE", "46"), Map.entry("SI", "386"), Map.entry("SK", "421"), Map.entry("UA", "380"),
          Map.entry("SM", "378"), Map.entry("VA", "39"),
          // The Americas (+1: the North American Numbering Plan)
          Map.entry("US", "1"), Map.entry("CA", "1"), Map.entry("JM", "1"), Map.entry("TT", "1"),
          Map.entry("BS", "1"), Map.entry("DO", "1"), Map.entry("PR", "1"), Map.entry("MX", "52"),
          Map.entry("GT", "502"), Map.entry("BZ", "501"), Map.entry("SV", "503"), Map.entry("HN", "504"),
          Map.entry("NI", "505"), Map.entry("CR", "506"), Map.entry("PA", "507"), Map.entry("CU", "53"),
          Map.entry("CO", "57"), Map.entry("VE", "58"), Map.entry("EC", "593"), Map.entry("PE", "51"),
          Map.entry("BO", "591"), Map.entry("BR", "55"), Map.entry("PY", "595"), Map.entry("UY", "598"),
          Map.entry("AR", "54"), Map.entry("CL", "56"), Map.entry("GY", "592"), Map.entry("SR", "597"),
          // Oceania
          Map.entry("AU", "61"), Map.entry("NZ", "64"), Map.entry("PG", "675"), Map.entry("FJ", "679"));
}

package org.wildex.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.pkg.PackageCodec;

/** docs/contract.md documents every property of the package v1 schema, and nothing that is not in it. */
class ContractDocTest {

  static final Path DOC = Path.of("..", "docs", "contract.md");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|", Pattern.MULTILINE);

  static List<String> documented() throws Exception {
    List<String> out = new ArrayList<>();
    Matcher m = ROW.matcher(Files.readString(DOC));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void every_schema_property_is_documented_once_and_nothing_else() throws Exception {
    List<String> documented = documented();
    assertThat(documented).doesNotHaveDuplicates();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(SchemaWalk.packageV1().properties);
  }

  @Test
  void the_doc_names_the_schema_file_and_every_example() throws Exception {
    String doc = Files.readString(DOC);
    assertThat(doc).contains(PackageCodec.SCHEMA_RESOURCE);
    for (Path example : Examples.all()) {
      assertThat(doc).contains("examples/" + example.getFileName());
    }
  }
}

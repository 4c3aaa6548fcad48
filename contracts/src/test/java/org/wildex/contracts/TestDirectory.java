package org.wildex.contracts;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;

/** Test helper: the fictional directory in src/test/resources/directory/directory.yaml. */
public final class TestDirectory {
  private TestDirectory() {}

  public static Path file() {
    try {
      return Path.of(TestDirectory.class.getResource("/directory/directory.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Directory load() {
    return Directory.load(file());
  }

  public static Participant participant(String id) {
    return load().find(id).orElseThrow();
  }
}

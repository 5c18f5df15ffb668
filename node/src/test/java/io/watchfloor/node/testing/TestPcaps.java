package io.watchfloor.node.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared public captures (../shared/data/pcaps, see its MANIFEST.tsv). */
public final class TestPcaps {
  private TestPcaps() {}

  public static Path dir() {
    Path home = Path.of(System.getProperty("watchfloor.home", "..")).toAbsolutePath().normalize();
    Path dir = home.resolve("../shared/data/pcaps").normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("shared captures not found at " + dir);
    }
    return dir;
  }

  public static Path of(String name) {
    return dir().resolve(name);
  }
}

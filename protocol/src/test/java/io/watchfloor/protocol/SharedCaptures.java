package io.watchfloor.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The team's shared, real capture files and their MANIFEST.tsv. */
public final class SharedCaptures {

  /** One MANIFEST.tsv row: the columns the protocol tests check. */
  public record Entry(String file, long packets, String linkType, String firstPacketUtc) {
    public Path path() {
      return dir().resolve(file);
    }

    @Override
    public String toString() {
      return file;
    }
  }

  private SharedCaptures() {}

  public static Path dir() {
    return Path.of(System.getProperty("user.dir")).resolve("../../shared/data/pcaps").normalize();
  }

  public static List<Entry> entries() {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("MANIFEST.tsv"));
      List<String> header = Arrays.asList(lines.get(0).split("\t"));
      int file = header.indexOf("file");
      int packets = header.indexOf("packets");
      int linkType = header.indexOf("linktype");
      int first = header.indexOf("first_packet_utc");
      List<Entry> entries = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] columns = line.split("\t");
        entries.add(new Entry(columns[file], Long.parseLong(columns[packets]), columns[linkType],
            columns[first]));
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Entry entry(String file) {
    return entries().stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow();
  }
}

package io.watchfloor.loadtest.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ground truth for one injected attack: one row of {@code truth.tsv}. {@code start} and {@code end}
 * are the first and last packet of the attack (inclusive); {@code packets} is how many packets it
 * put into the capture, all between the attacker and one of the targets.
 *
 * @param ruleName the detector id (ECS rule.name) expected to raise it
 * @param targets the victims, peers or servers the attacker talked to
 */
public record TruthRow(String category, String ruleName, String attacker, List<String> targets,
    Instant start, Instant end, long packets) {

  public static final String TSV_HEADER =
      "category\trule.name\tattacker\ttarget\tstart\tend\tpackets";

  public TruthRow {
    targets = List.copyOf(targets);
  }

  public String toTsv() {
    return String.join("\t", category, ruleName, attacker, String.join(",", targets),
        start.toString(), end.toString(), Long.toString(packets));
  }

  public static void write(Path tsv, List<TruthRow> rows) throws IOException {
    StringBuilder text = new StringBuilder(TSV_HEADER).append('\n');
    for (TruthRow row : rows) {
      text.append(row.toTsv()).append('\n');
    }
    Files.writeString(tsv, text, StandardCharsets.UTF_8);
  }

  /** Reads a file {@link #write} wrote; a malformed line is an error naming its line number. */
  public static List<TruthRow> read(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(TSV_HEADER)) {
      throw new IOException(tsv + ": expected the header \"" + TSV_HEADER.replace('\t', ' ')
          + "\" on line 1");
    }
    List<TruthRow> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] f = lines.get(i).split("\t", -1);
      try {
        if (f.length != 7) {
          throw new IllegalArgumentException("expected 7 tab-separated fields, found " + f.length);
        }
        rows.add(new TruthRow(f[0], f[1], f[2], Arrays.asList(f[3].split(",")),
            Instant.parse(f[4]), Instant.parse(f[5]), Long.parseLong(f[6])));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IOException(tsv + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }
}

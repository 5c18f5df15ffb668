package io.watchfloor.loadtest.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthRowTest {

  @TempDir
  Path dir;

  @Test
  void shouldReadBackWhatItWrote() throws IOException {
    List<TruthRow> rows = List.of(
        new TruthRow("lateral_movement", "lateral_movement", "10.1.0.4", List.of("10.1.0.5", "10.1.0.6"),
            Instant.parse("2026-11-02T10:00:00.123456Z"), Instant.parse("2026-11-02T10:00:20Z"), 600),
        new TruthRow("syn_flood", "flood", "198.18.0.1", List.of("10.0.0.10"),
            Instant.parse("2026-11-02T11:00:00Z"), Instant.parse("2026-11-02T11:00:20Z"), 30256));
    Path tsv = dir.resolve("truth.tsv");

    TruthRow.write(tsv, rows);

    assertThat(Files.readAllLines(tsv).get(0)).isEqualTo(TruthRow.TSV_HEADER);
    assertThat(TruthRow.read(tsv)).isEqualTo(rows);
  }

  @Test
  void shouldNameTheLineOfAMalformedRow() throws IOException {
    Path tsv = dir.resolve("bad.tsv");
    Files.writeString(tsv, TruthRow.TSV_HEADER + "\nport_scan\tport_scan\t10.1.0.1\t10.1.0.2\tyesterday\tnow\t5\n");

    assertThatThrownBy(() -> TruthRow.read(tsv)).isInstanceOf(IOException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void shouldRejectAFileWithoutTheHeader() throws IOException {
    Path tsv = dir.resolve("other.tsv");
    Files.writeString(tsv, "a\tb\n");

    assertThatThrownBy(() -> TruthRow.read(tsv)).isInstanceOf(IOException.class)
        .hasMessageContaining("expected the header");
  }
}

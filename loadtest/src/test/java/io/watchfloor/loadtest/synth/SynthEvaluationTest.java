package io.watchfloor.loadtest.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two working hours of 30 workstations, generated and evaluated end to end. */
class SynthEvaluationTest {

  @TempDir
  static Path dir;

  private static String markdown;
  private static List<TruthRow> truth;

  @BeforeAll
  static void generateAndEvaluate() throws IOException {
    GenerateMain.run(GenerateMain.parse(new String[] {
        "--out", dir.toString(), "--hosts", "30", "--hours", "2", "--seed", "3",
        "--start", "2026-11-03T09:00:00Z"}), new PrintStream(new ByteArrayOutputStream()));
    truth = TruthRow.read(dir.resolve(GenerateMain.TRUTH_FILE));
    markdown = EvaluateMain.run(dir, new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void shouldFindThePortScanWithRecallOne() throws IOException {
    assertThat(tsvLine("port_scan")).startsWith("port_scan\t1\t1\t1.00\t");
  }

  @Test
  void shouldReportEveryExpectedDetectorEvenWithoutAttacksForIt() throws IOException {
    assertThat(tsvLine("flood")).startsWith("flood\t1\t");
    assertThat(tsvLine("off_hours")).startsWith("off_hours\t0\t0\t\t");
  }

  @Test
  void shouldCountEveryAttackOfTheTruthInTheTotal() throws IOException {
    assertThat(truth).hasSize(8);
    assertThat(tsvLine("all")).startsWith("all\t8\t");
    assertThat(markdown).contains("| **all** | 8 |");
  }

  @Test
  void shouldListEveryAnomalyWithAVerdict() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(EvaluateMain.ANOMALIES_FILE));
    int alerts = Integer.parseInt(tsvLine("all").split("\t")[4]);
    int falseAlerts = Integer.parseInt(tsvLine("all").split("\t")[5]);

    assertThat(lines).hasSize(1 + alerts);
    assertThat(lines.stream().filter(l -> l.startsWith("false\t"))).hasSize(falseAlerts);
    assertThat(lines.stream().filter(l -> l.startsWith("true\tport_scan\t"))).isNotEmpty();
  }

  @Test
  void shouldDescribeTheReplayedCaptureAboveTheTable() {
    assertThat(markdown.lines().findFirst().orElseThrow())
        .startsWith("Replayed ")
        .contains(Instant.parse("2026-11-03T09:00:00Z").toString().substring(0, 16))
        .contains("8 attacks in the ground truth")
        .contains("matching grace 90 s"); // default TCP idle timeout 60 s + 3 windows of 10 s
  }

  private static String tsvLine(String detector) throws IOException {
    return Files.readAllLines(dir.resolve(EvaluateMain.TSV_FILE), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith(detector + "\t")).findFirst().orElseThrow();
  }
}

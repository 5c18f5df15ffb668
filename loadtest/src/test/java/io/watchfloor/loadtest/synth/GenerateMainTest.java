package io.watchfloor.loadtest.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMainTest {

  @Test
  void shouldParseEveryOption() {
    GenerateMain.Arguments a = GenerateMain.parse(new String[] {
        "--hosts", "250", "--hours", "36.5", "--seed", "-4", "--start", "2026-01-05T00:00:00Z",
        "--netflow", "--out", "x"});

    assertThat(a.out()).isEqualTo(Path.of("x"));
    assertThat(a.netflow()).isTrue();
    assertThat(a.parameters()).isEqualTo(
        new SynthTraffic.Parameters(250, 36.5, -4, Instant.parse("2026-01-05T00:00:00Z")));
  }

  @Test
  void shouldDefaultTo200HostsForOneDayWithoutNetflow() {
    GenerateMain.Arguments a = GenerateMain.parse(new String[] {"--out", "x"});
    SynthTraffic.Parameters p = a.parameters();

    assertThat(a.netflow()).isFalse();
    assertThat(p.hosts()).isEqualTo(200);
    assertThat(p.hours()).isEqualTo(24.0);
  }

  @Test
  void shouldSayWhatIsWrongWithABadCommandLine() {
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {}))
        .hasMessageContaining("--out DIR is required");
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {"--out", "x", "--hosts", "many"}))
        .hasMessageContaining("bad value for --hosts: many");
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {"--out", "x", "--hosts", "3"}))
        .hasMessageContaining("workstation count must be in [10, 60000], found 3");
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {"--out", "x", "--hours", "0"}))
        .hasMessageContaining("hours must be in (0, 744]");
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {"--out", "x", "--frobnicate", "1"}))
        .hasMessageContaining("unknown argument --frobnicate");
    assertThatThrownBy(() -> GenerateMain.parse(new String[] {"--out"}))
        .hasMessageContaining("missing value after --out");
  }

  @Test
  void shouldPrintOneSummaryLine(@TempDir Path dir) throws Exception {
    String line = GenerateMain.run(GenerateMain.parse(new String[] {
        "--out", dir.toString(), "--hosts", "10", "--hours", "0.5", "--start", "2026-11-03T10:00:00Z"}),
        new PrintStream(new ByteArrayOutputStream()));

    assertThat(line).matches("wrote \\d+ packets \\(\\d+ frame bytes, 10 hosts, 0\\.5 simulated hours,"
        + " 8 attacks, seed 7\\) to .*synth\\.pcap in .* s \\(.* M packets/s\\)");
  }
}

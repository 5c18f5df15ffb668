package io.watchfloor.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Unusable input gets one clear line and exit code 2; undecodable packets are counted, not fatal. */
@ExtendWith(SharedCassandra.class)
class BadInputTest {
  @TempDir static Path dir;
  static Path config;

  @BeforeAll
  static void writeConfig() throws Exception {
    config = TestNodes.configFile(dir, "badinput");
  }

  private static CliRun analyze(Path pcap) {
    return CliRun.of("analyze", "--pcap", pcap.toString(), "--config", config.toString());
  }

  private static void assertOneLineError(CliRun run, String expected) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("watchfloor: error: ").contains(expected);
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  @Test
  void shouldRefuseAMissingFile() {
    assertOneLineError(analyze(dir.resolve("nope.pcap")), "no such file");
  }

  @Test
  void shouldRefuseAFileThatIsNotACapture() throws Exception {
    Path text = dir.resolve("notes.pcap");
    Files.writeString(text, "this is not a capture file\n");
    assertOneLineError(analyze(text), "not a capture file");
  }

  @Test
  void shouldRefuseAnEmptyFile() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.pcap"));
    assertOneLineError(analyze(empty), "empty");
  }

  @Test
  void shouldReportATruncatedCaptureAfterAnalysingWhatIsThere() throws Exception {
    byte[] whole = Files.readAllBytes(TestPcaps.of("scan_masscan_tcp_0-1000.pcap"));
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2 + 7));

    CliRun run = analyze(cut);

    assertOneLineError(run, "truncated");
    assertThat(run.out()).contains("port_scan").contains("Summary");
  }

  @Test
  void shouldCountGarbagePacketsWithoutStopping() throws Exception {
    Path garbage = dir.resolve("garbage.pcap");
    Files.write(garbage, pcapOfRandomFrames(500, 42));

    CliRun run = analyze(garbage);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("packets              500").contains("malformed packets");
    assertThat(run.out()).doesNotContain("malformed packets    0\n");
  }

  @Test
  void shouldNameAnUnknownFlag() {
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("benign_http_bro_org.pcap").toString(), "--frobnicate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--frobnicate");
  }

  @Test
  void shouldNameAnUnknownConfigKey() throws Exception {
    Path bad = dir.resolve("typo.conf");
    Files.writeString(bad, "watchfloor.capture.in-flight-windoes = 3\n");
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("benign_http_bro_org.pcap").toString(),
        "--config", bad.toString());
    assertOneLineError(run, "watchfloor.capture.in-flight-windoes");
  }

  @Test
  void shouldRefuseABadContactPoint() {
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("benign_http_bro_org.pcap").toString(),
        "--cassandra", "localhost");
    assertOneLineError(run, "host:port");
  }

  /** A valid pcap header followed by Ethernet frames of random bytes. */
  static byte[] pcapOfRandomFrames(int count, long seed) {
    Random random = new Random(seed);
    ByteBuffer b = ByteBuffer.allocate(24 + count * (16 + 200)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    for (int i = 0; i < count; i++) {
      int len = 14 + random.nextInt(180);
      b.putInt(1_700_000_000 + i / 100).putInt(i % 100 * 1000).putInt(len).putInt(len);
      byte[] frame = new byte[len];
      random.nextBytes(frame);
      frame[12] = 0x08; // mostly IPv4 ethertype, so the IP decoder sees the garbage
      frame[13] = (byte) (i % 5 == 0 ? 0x06 : 0x00);
      b.put(frame);
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }
}

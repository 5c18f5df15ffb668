package io.watchfloor.models.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The aggregator against the team's real capture files. */
class HostWindowAggregatorTest {

  private static final String MASSCAN = "scan_masscan_tcp_0-1000.pcap";
  private static final String BENIGN_HTTP = "benign_http_bro_org.pcap";
  private static final String SCANNER = "172.31.15.102";
  private static final String VICTIM = "198.124.152.15";

  private static CaptureReplay masscan;
  private static CaptureReplay benign;

  @BeforeAll
  static void replayCaptures() {
    masscan = CaptureReplay.replay(MASSCAN);
    benign = CaptureReplay.replay(BENIGN_HTTP);
  }

  @Test
  void shouldCountMasscansThousandAndOneFailedAttempts() {
    List<HostWindow> scanner = masscan.windowsOf(SCANNER);

    int attempts = scanner.stream().mapToInt(HostWindow::connectionsOut).sum();
    int failed = scanner.stream().mapToInt(HostWindow::failedConnectionsOut).sum();
    // masscan -p0-1000: 1001 SYNs to 1001 distinct ports (MANIFEST.tsv), none answered; the
    // scan straddles two windows and each port is attempted in only one of them.
    assertThat(scanner).hasSize(2);
    assertThat(attempts).isEqualTo(1001);
    assertThat(failed).isEqualTo(attempts);
  }

  @Test
  void shouldNameMasscansVictimAsTopVictim() {
    assertThat(masscan.windowsOf(SCANNER))
        .anySatisfy(
            w -> {
              assertThat(w.scan().topVictim()).isEqualTo(VICTIM);
              assertThat(w.scan().portsOnTopVictim()).isGreaterThanOrEqualTo(15);
              assertThat(w.scan().samplePorts()).hasSize(20).isSorted();
            });
  }

  @Test
  void shouldSeeNoVerticalScanInBenignBrowsing() {
    assertThat(benign.windows()).allSatisfy(w -> assertThat(w.scan().portsOnTopVictim()).isLessThan(15));
  }

  @Test
  void shouldCountEveryIpPacketOnceInAndOnceOut() {
    long inAndOut =
        benign.windows().stream().mapToLong(w -> w.packetsIn() + w.packetsOut()).sum();

    assertThat(benign.ipPackets()).isPositive();
    assertThat(inAndOut).isEqualTo(2 * benign.ipPackets());
  }

  @Test
  void shouldConserveBytesBetweenSendersAndReceivers() {
    for (CaptureReplay replay : List.of(masscan, benign)) {
      long out = replay.windows().stream().mapToLong(HostWindow::bytesOut).sum();
      long in = replay.windows().stream().mapToLong(HostWindow::bytesIn).sum();

      assertThat(out).isEqualTo(in).isEqualTo(replay.attributableWireBytes()).isPositive();
    }
  }

  @Test
  void shouldAlignWindowsToMultiplesOfTheWindowLength() {
    for (CaptureReplay replay : List.of(masscan, benign)) {
      assertThat(replay.windows())
          .isNotEmpty()
          .allSatisfy(
              w -> {
                assertThat(w.windowMillis()).isEqualTo(10_000);
                assertThat(w.windowStartMillis() % 10_000).isZero();
                assertThat(w.site()).isEqualTo("local");
                assertThat(w.segment()).isEqualTo("s");
              });
    }
  }

  @Test
  void shouldSpreadTheSeventeenSecondBenignCaptureOverSeveralWindows() {
    // 17.5 s of traffic cannot fit one aligned 10 s window.
    assertThat(benign.windows().stream().map(HostWindow::windowStartMillis).distinct())
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldEmitTheLastWindowOnFlush() {
    long lastStart =
        benign.windows().stream().mapToLong(HostWindow::windowStartMillis).max().orElseThrow();

    assertThat(benign.flushed())
        .isNotEmpty()
        .allSatisfy(w -> assertThat(w.windowStartMillis()).isEqualTo(lastStart));
    assertThat(benign.lastTimestampMillis()).isBetween(lastStart, lastStart + 9_999);
  }

  @Test
  void shouldEmitOneWindowPerHostPerWindow() {
    assertThat(
            benign.windows().stream()
                .map(w -> w.host() + "@" + w.windowStartMillis())
                .distinct()
                .count())
        .isEqualTo(benign.windows().size());
  }

  @Test
  void shouldCloseTheOpenWindowOnlyOnceTheClockPassesItsEnd() throws IOException {
    HostWindowAggregator aggregator =
        new HostWindowAggregator("local", "s", CaptureReplay.SETTINGS);
    long windowStart;
    try (CaptureFileReader reader = CaptureFileReader.open(CaptureReplay.capture(BENIGN_HTTP))) {
      assertThat(reader.next()).isTrue();
      DecodedPacket p = CaptureReplay.decode(new PacketDecoder(), reader);
      assertThat(aggregator.accept(p)).isEmpty();
      windowStart = Math.floorDiv(p.timestampNanos(), 1_000_000L) / 10_000 * 10_000;
    }

    assertThat(aggregator.closeIfDue(windowStart + 9_999)).isEmpty();
    List<HostWindow> closed = aggregator.closeIfDue(windowStart + 10_000);

    assertThat(closed)
        .isNotEmpty()
        .allSatisfy(w -> assertThat(w.windowStartMillis()).isEqualTo(windowStart));
    assertThat(closed.stream().mapToLong(HostWindow::packetsOut).sum()).isEqualTo(1);
    assertThat(aggregator.closeIfDue(windowStart + 20_000)).isEmpty();
    assertThat(aggregator.flush()).isEmpty();
  }
}

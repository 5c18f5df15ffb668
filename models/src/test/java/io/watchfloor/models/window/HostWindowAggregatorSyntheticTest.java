package io.watchfloor.models.window;

import static io.watchfloor.models.window.SyntheticFrames.RST_ACK;
import static io.watchfloor.models.window.SyntheticFrames.SYN;
import static io.watchfloor.models.window.SyntheticFrames.SYN_ACK;
import static io.watchfloor.models.window.SyntheticFrames.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection accounting and limits, on hand-made frames. */
class HostWindowAggregatorSyntheticTest {

  private static final long T = 1_700_000_000_000L;
  private static final int CLIENT = ipv4(10, 0, 0, 1);
  private static final int SERVER = ipv4(10, 0, 0, 2);

  private final SyntheticFrames frames = new SyntheticFrames();

  @Test
  void shouldNotCountAnAnsweredConnectionAsFailed() {
    HostWindowAggregator aggregator = aggregator(1_000);
    aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, T));
    aggregator.accept(frames.tcp(SERVER, CLIENT, 80, 40_000, SYN_ACK, T + 1));

    HostWindow client = host(aggregator.flush(), "10.0.0.1");

    assertThat(client.connectionsOut()).isEqualTo(1);
    assertThat(client.failedConnectionsOut()).isZero();
    assertThat(client.scan().portsOnTopVictim()).isZero();
  }

  @Test
  void shouldCountARefusedConnectionAsFailed() {
    HostWindowAggregator aggregator = aggregator(1_000);
    aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 23, SYN, T));
    aggregator.accept(frames.tcp(SERVER, CLIENT, 23, 40_000, RST_ACK, T + 1));

    HostWindow client = host(aggregator.flush(), "10.0.0.1");

    assertThat(client.connectionsOut()).isEqualTo(1);
    assertThat(client.failedConnectionsOut()).isEqualTo(1);
  }

  @Test
  void shouldReportTheMostSweptPort() {
    HostWindowAggregator aggregator = aggregator(1_000);
    for (int victim = 1; victim <= 30; victim++) {
      aggregator.accept(frames.tcp(CLIENT, ipv4(10, 9, 0, victim), 40_000, 445, SYN, T + victim));
    }

    HostWindow client = host(aggregator.flush(), "10.0.0.1");

    assertThat(client.scan().victimsOnTopPort()).isEqualTo(30);
    assertThat(client.scan().topPort()).isEqualTo(445);
    assertThat(client.distinctPeers()).isEqualTo(30);
    assertThat(client.distinctPortsOut()).isEqualTo(1);
  }

  @Test
  void shouldCountPacketsBeyondTheHostLimitAsOverflow() {
    // 257 fits the first slot of a new host but not its peer: the 256-entry counter arrays
    // must still cover every interned host when the window closes.
    HostWindowAggregator aggregator = aggregator(257);
    for (int i = 1; i <= 255; i++) {
      aggregator.accept(frames.tcp(CLIENT, ipv4(10, 1, 0, i), 40_000, 80, SYN, T + i));
    }
    aggregator.accept(frames.tcp(ipv4(10, 2, 0, 1), ipv4(10, 2, 0, 2), 40_000, 80, SYN, T + 300));

    List<HostWindow> windows = aggregator.flush();

    assertThat(aggregator.counters().snapshot().hostOverflow()).isEqualTo(1);
    assertThat(windows.stream().mapToLong(HostWindow::packetsOut).sum()).isEqualTo(255);
    assertThat(windows.stream().mapToLong(HostWindow::packetsIn).sum()).isEqualTo(255);
  }

  @Test
  void shouldNotReportAHostWhosePacketOverflowed() {
    HostWindowAggregator aggregator = aggregator(3);
    aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, T));
    aggregator.accept(frames.tcp(ipv4(10, 2, 0, 1), ipv4(10, 2, 0, 2), 40_000, 80, SYN, T + 1));

    List<HostWindow> windows = aggregator.flush();

    // A window of zeros would teach the unseen host's baseline that it is idle.
    assertThat(windows).extracting(HostWindow::host).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
  }

  @Test
  void shouldCloseTheWindowWhenAPacketOfTheNextOneArrives() {
    HostWindowAggregator aggregator = aggregator(1_000);
    long start = T / 10_000 * 10_000;
    assertThat(aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, start + 9_999))).isEmpty();

    List<HostWindow> closed = aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, start + 10_000));

    assertThat(closed).hasSize(2).allSatisfy(w -> assertThat(w.windowStartMillis()).isEqualTo(start));
    assertThat(aggregator.flush())
        .hasSize(2)
        .allSatisfy(w -> assertThat(w.windowStartMillis()).isEqualTo(start + 10_000));
  }

  @Test
  void shouldReportTheTopTargetAndHowMuchCameBack() {
    HostWindowAggregator aggregator = aggregator(1_000);
    for (int i = 0; i < 50; i++) {
      aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000 + i, 80, SYN, T + i));
    }
    for (int i = 0; i < 3; i++) {
      aggregator.accept(frames.tcp(SERVER, CLIENT, 80, 40_000 + i, SYN_ACK, T + 100 + i));
      aggregator.accept(frames.tcp(CLIENT, ipv4(10, 0, 0, 3), 40_000, 443, SYN, T + 200 + i));
    }

    HostWindow client = host(aggregator.flush(), "10.0.0.1");

    assertThat(client.flood().target()).isEqualTo("10.0.0.2");
    assertThat(client.flood().packetsToTarget()).isEqualTo(50);
    assertThat(client.flood().packetsFromTarget()).isEqualTo(3);
    assertThat(client.distinctPeers()).isEqualTo(2);
  }

  @Test
  void shouldMeasureTheGapsBetweenAHostsPackets() {
    HostWindowAggregator aggregator = aggregator(1_000);
    long start = T / 10_000 * 10_000;
    // gaps of 100 ms and 300 ms: mean 200, sd 100
    aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, start));
    aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, start + 100));
    aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, start + 400));

    HostWindow client = host(aggregator.flush(), "10.0.0.1");

    assertThat(client.shape().gapMeanMillis()).isEqualTo(200.0);
    assertThat(client.shape().gapSdMillis()).isEqualTo(100.0);
    assertThat(client.shape().sizeSd()).isZero(); // equal frames
    assertThat(host(List.of(client), "10.0.0.1").packetsOut()).isEqualTo(3);
  }

  @Test
  void shouldStartTheGapsAfreshInEveryWindow() {
    HostWindowAggregator aggregator = aggregator(1_000);
    long start = T / 10_000 * 10_000;
    aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, start + 9_000));
    List<HostWindow> first = aggregator.accept(frames.tcp(CLIENT, SERVER, 40_000, 80, SYN, start + 10_500));

    assertThat(host(first, "10.0.0.1").shape().gapMeanMillis()).isZero();
    assertThat(host(aggregator.flush(), "10.0.0.1").shape().gapMeanMillis()).isZero();
  }

  private static HostWindowAggregator aggregator(int maxHosts) {
    return new HostWindowAggregator("local", "s", new WindowSettings(10_000, maxHosts, 4_000_000));
  }

  private static HostWindow host(List<HostWindow> windows, String host) {
    List<HostWindow> matching = new ArrayList<>();
    windows.stream().filter(w -> w.host().equals(host)).forEach(matching::add);
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}

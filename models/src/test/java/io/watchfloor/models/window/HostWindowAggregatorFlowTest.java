package io.watchfloor.models.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flow records (NetFlow, IPFIX) become the same per-host windows as packets do. */
class HostWindowAggregatorFlowTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  private static FlowRecord uniflow(String src, int sport, String dst, int dport, String flags, long packets, long endNanos) {
    return new FlowRecord("tcp", src, sport, dst, dport, -1, packets, packets * 60, 0, 0, endNanos - 1_000_000,
        endNanos, null, null, null, "exported", "netflow9", Map.of("watchfloor.flow.tcp_flags", flags));
  }

  private static List<HostWindow> run(List<FlowRecord> flows) {
    HostWindowAggregator a = new HostWindowAggregator("s", "edge", new WindowSettings(10_000, 1000, 1000));
    List<HostWindow> out = new ArrayList<>();
    flows.forEach(f -> out.addAll(a.accept(f)));
    out.addAll(a.flush());
    return out;
  }

  private static HostWindow of(List<HostWindow> windows, String host) {
    return windows.stream().filter(w -> w.host().equals(host)).findFirst().orElseThrow();
  }

  @Test
  void shouldSeeSynOnlyUniflowsAsFailedAttempts() {
    List<FlowRecord> flows = new ArrayList<>();
    for (int port = 1; port <= 20; port++) {
      flows.add(uniflow("10.0.0.9", 40000, "10.0.0.3", port, "02", 1, T0 + port * 1_000_000L));
    }
    HostWindow scanner = of(run(flows), "10.0.0.9");

    assertThat(scanner.connectionsOut()).isEqualTo(20);
    assertThat(scanner.failedConnectionsOut()).isEqualTo(20);
    assertThat(scanner.scan().portsOnTopVictim()).isEqualTo(20);
    assertThat(scanner.scan().topVictim()).isEqualTo("10.0.0.3");
    assertThat(scanner.packetsOut()).isEqualTo(20);
  }

  @Test
  void shouldNotCountTheServersHalfAsAnAttempt() {
    HostWindow server = of(run(List.of(
        uniflow("10.0.0.9", 40000, "10.0.0.3", 80, "1b", 5, T0),
        uniflow("10.0.0.3", 80, "10.0.0.9", 40000, "12", 4, T0 + 1))), "10.0.0.3");

    assertThat(server.connectionsOut()).isZero();
    assertThat(server.connectionsIn()).isEqualTo(1);
    assertThat(server.failedConnectionsOut()).isZero();
    assertThat(server.packetsIn()).isEqualTo(5);
    assertThat(server.packetsOut()).isEqualTo(4);
  }

  @Test
  void shouldPlaceRecordsInTheWindowOfTheirEnd() {
    List<HostWindow> windows = run(List.of(
        uniflow("10.0.0.9", 1, "10.0.0.3", 80, "1b", 1, T0),
        uniflow("10.0.0.9", 2, "10.0.0.3", 80, "1b", 1, T0 + 10_000_000_000L)));
    assertThat(windows.stream().map(HostWindow::windowStartMillis).distinct()).hasSize(2);
  }

  @Test
  void shouldSkipRecordsWithoutAddresses() {
    FlowRecord llc = new FlowRecord("llc", null, 0, null, 0, -1, 3, 180, 0, 0, T0, T0, null, null, null,
        "end", "pcap", Map.of());
    assertThat(run(List.of(llc))).isEmpty();
  }
}

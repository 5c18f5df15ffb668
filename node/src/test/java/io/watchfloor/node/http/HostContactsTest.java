package io.watchfloor.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.api.Contact;
import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostContactsTest {

  @Test
  void shouldSumFlowsPerPeerAndPortBothWaysLargestFirst() {
    HostWindow w = window(List.of(
        flow("10.0.0.9", 443, "tcp", 100, 1_000, 50, 20_000),
        flow("10.0.0.9", 443, "tcp", 10, 500, 5, 1_000),
        flow("10.0.0.7", 53, "udp", 1, 80, 1, 120)));

    assertThat(HostContacts.topPeers(w)).containsExactly(
        new Contact("10.0.0.9", 22_500, 165, 2), new Contact("10.0.0.7", 200, 2, 1));
    assertThat(HostContacts.topPorts(w)).containsExactly(
        new Contact("tcp/443", 22_500, 165, 2), new Contact("udp/53", 200, 2, 1));
  }

  @Test
  void shouldKeepTheTopTenOnly() {
    List<FlowSummary> flows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      flows.add(flow("10.0.1." + i, 1_000 + i, "tcp", 1, 100 + i, 0, 0));
    }

    List<Contact> peers = HostContacts.topPeers(window(flows));

    assertThat(peers).hasSize(HostContacts.TOP);
    assertThat(peers.get(0)).isEqualTo(new Contact("10.0.1.24", 124, 1, 1));
  }

  @Test
  void shouldShowNothingWithoutAWindow() {
    assertThat(HostContacts.topPeers(null)).isEmpty();
    assertThat(HostContacts.topPorts(window(List.of()))).isEmpty();
  }

  private static FlowSummary flow(String peer, int port, String transport, long packetsOut, long bytesOut,
      long packetsIn, long bytesIn) {
    return new FlowSummary(peer, port, 50_000, transport, "", 0, 1, packetsOut, bytesOut, packetsIn, bytesIn,
        "established", Map.of());
  }

  private static HostWindow window(List<FlowSummary> flows) {
    return new HostWindow("local", "s", "10.0.0.5", 0, 10_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, "", flows, 0);
  }
}

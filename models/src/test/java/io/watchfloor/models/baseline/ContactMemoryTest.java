package io.watchfloor.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.host.FlowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactMemoryTest {

  @Test
  void shouldCountOnlyPeersAndServicesNotSeenBefore() {
    ContactMemory memory = new ContactMemory(64);
    memory.learn(List.of(flow("10.0.0.2", 443), flow("10.0.0.3", 53, "udp")));

    Novelty n =
        memory.novelty(
            List.of(flow("10.0.0.2", 443), flow("10.0.0.2", 8443), flow("10.0.0.9", 443),
                flow("10.0.0.9", 443), flow("10.0.0.3", 53, "tcp")));

    assertThat(n.newPeers()).isEqualTo(1); // 10.0.0.9, counted once
    assertThat(n.newPorts()).isEqualTo(2); // tcp/8443 and tcp/53
  }

  @Test
  void shouldNotLearnWhileJudging() {
    ContactMemory memory = new ContactMemory(64);
    List<FlowSummary> flows = List.of(flow("192.0.2.1", 22));

    memory.novelty(flows);

    assertThat(memory.novelty(flows)).isEqualTo(new Novelty(1, 1));
  }

  @Test
  void shouldForgetTheOldestGenerationWhenFull() {
    ContactMemory memory = new ContactMemory(16);
    memory.learn(List.of(flow("10.1.0.1", 80)));
    List<FlowSummary> others = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      others.add(flow("10.2.0." + i, 80));
    }
    memory.learn(others);

    assertThat(memory.novelty(List.of(flow("10.1.0.1", 80))).newPeers()).isEqualTo(1);
    assertThat(memory.novelty(List.of(flow("10.2.0.39", 80))).newPeers()).isZero();
    assertThat(memory.size()).isLessThanOrEqualTo(32);
  }

  @Test
  void shouldRoundTripThroughBytes() {
    ContactMemory memory = new ContactMemory(64);
    memory.learn(List.of(flow("10.0.0.2", 443), flow("2001:db8::1", 25)));

    ContactMemory restored = ContactMemory.fromBytes(memory.toBytes(), 64);

    assertThat(restored.novelty(List.of(flow("10.0.0.2", 443), flow("2001:db8::1", 25))))
        .isEqualTo(Novelty.NONE);
    assertThat(restored.novelty(List.of(flow("10.0.0.7", 443))).newPeers()).isEqualTo(1);
  }

  @Test
  void shouldRejectACorruptSnapshot() {
    assertThatThrownBy(() -> ContactMemory.fromBytes(new byte[] {0, 0, 0, 9}, 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 9");
  }

  private static FlowSummary flow(String peer, int port) {
    return flow(peer, port, "tcp");
  }

  private static FlowSummary flow(String peer, int port, String transport) {
    return new FlowSummary(peer, port, 40_000, transport, null, 0, 1, 1, 60, 1, 60, null, Map.of());
  }
}

package io.watchfloor.node.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.host.FlowSummary;
import io.watchfloor.protocol.host.HostWindow;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostBatchesTest {

  private static HostWindow window(String host, long start, int flows) {
    FlowSummary f = new FlowSummary("10.9.9.9", 443, 50_000, "tcp", "", 0, 1, 1, 100, 1, 100, "established", Map.of());
    return new HostWindow("local", "s", host, start, 10_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, "",
        Collections.nCopies(flows, f), 0);
  }

  private static List<String> describe(List<List<HostWindow>> deliveries) {
    return deliveries.stream()
        .map(d -> d.get(0).host() + "@" + d.stream().map(w -> String.valueOf(w.windowStartMillis() / 10_000)).toList())
        .toList();
  }

  @Test
  void shouldSendEachWindowAloneWhenOneCaptureWindowWasReady() {
    var deliveries = HostBatches.byHost(List.of(List.of(window("a", 0, 1), window("b", 0, 1))));

    assertThat(describe(deliveries)).containsExactly("a@[0]", "b@[0]");
  }

  @Test
  void shouldGroupTheWindowsOfEachHostInTimeOrder() {
    var deliveries = HostBatches.byHost(List.of(
        List.of(window("a", 0, 1), window("b", 0, 1)),
        List.of(window("b", 10_000, 1)),
        List.of(window("a", 20_000, 1), window("c", 20_000, 1), window("b", 20_000, 1))));

    assertThat(describe(deliveries)).containsExactly("a@[0, 2]", "b@[0, 1, 2]", "c@[2]");
  }

  @Test
  void shouldStartANewDeliveryOnceTheFlowsWouldPassTheBound() {
    int half = HostBatches.MAX_FLOWS / 2;
    var deliveries = HostBatches.byHost(List.of(
        List.of(window("a", 0, half)),
        List.of(window("a", 10_000, half)),
        List.of(window("a", 20_000, 1)),
        List.of(window("a", 30_000, HostBatches.MAX_FLOWS + 1)),
        List.of(window("a", 40_000, 1))));

    assertThat(describe(deliveries)).containsExactly("a@[0, 1]", "a@[2]", "a@[3]", "a@[4]");
  }
}

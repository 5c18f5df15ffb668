package io.watchfloor.node.alert.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.route.RoutingConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Group timing and lifecycle on a clock the test moves. */
class AlertGroupsTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final RoutingConfig ROUTING = RoutingConfig.create(ConfigFactory.parseString("""
      watchfloor.alerting.route {
        receiver = soc, group_by = [host], group_wait = 30s, group_interval = 5m, repeat_interval = 1h
      }
      """), List.of("soc"));

  private final AlertGroups groups = new AlertGroups(ROUTING, Duration.ofMinutes(10), Duration.ofHours(1), "http://wf");
  private int n;

  private void raise(String host, Instant at) {
    n++;
    Map<String, String> labels = Map.of("host", host, "rule.name", "beaconing", "severity", "high");
    groups.add(labels, new Notification.AlertItem("id-" + n, labels, "beacon", 0.9, at.toEpochMilli(), 0,
        "http://wf/a", "http://wf/a/pcap", Map.of()), at);
  }

  private List<String> due(Instant at) {
    return groups.due(at, labels -> false).stream()
        .map(x -> x.status().label() + ":" + x.alerts().size()).toList();
  }

  @Test
  void shouldWaitGroupWaitThenSendUpdatesOnlyAfterGroupInterval() {
    raise("10.0.0.1", T0);
    raise("10.0.0.1", T0.plusSeconds(10));
    assertThat(due(T0.plusSeconds(29))).isEmpty();
    assertThat(due(T0.plusSeconds(30))).containsExactly("firing:2");
    raise("10.0.0.1", T0.plusSeconds(60));
    assertThat(due(T0.plusSeconds(120))).isEmpty();
    assertThat(due(T0.plusSeconds(330))).containsExactly("firing:3");
    assertThat(due(T0.plusSeconds(400))).isEmpty();
  }

  @Test
  void shouldRepeatAFiringGroupButNotAnAcknowledgedOne() {
    raise("10.0.0.1", T0);
    raise("10.0.0.2", T0);
    assertThat(due(T0.plusSeconds(30))).hasSize(2);
    String first = groups.list().get(0).id();
    assertThat(groups.acknowledge(first, T0.plusSeconds(40))).map(c -> c.notification().status()).hasValue(Notification.Status.ACKNOWLEDGED);
    raise("10.0.0.1", T0.plusSeconds(3300)); // still seen: no auto-resolve
    raise("10.0.0.2", T0.plusSeconds(3300));
    assertThat(due(T0.plusSeconds(3631))).containsExactly("firing:2"); // only the unacknowledged group repeats
  }

  @Test
  void shouldResolveAfterTheQuietTimeAndDoubleItForAFlappingGroup() {
    raise("10.0.0.1", T0);
    due(T0.plusSeconds(30));
    assertThat(due(T0.plusSeconds(599))).isEmpty();
    assertThat(due(T0.plusSeconds(601))).containsExactly("resolved:1");
    assertThat(groups.list()).isEmpty();

    Instant again = T0.plusSeconds(900); // within the flap window: a flap
    raise("10.0.0.1", again);
    assertThat(due(again.plusSeconds(30))).containsExactly("firing:1");
    assertThat(due(again.plusSeconds(601))).isEmpty(); // quiet time is now 20 minutes
    assertThat(due(again.plusSeconds(1201))).containsExactly("resolved:1");
  }

  @Test
  void shouldDropARepublishedAnomalyAndGiveStableIds() {
    Map<String, String> labels = Map.of("host", "10.0.0.1");
    Notification.AlertItem item = new Notification.AlertItem("same", labels, "x", 1, 0, 0, "u", "p", Map.of());
    groups.add(labels, item, T0);
    groups.add(labels, item, T0.plusSeconds(1));
    List<Notification> sent = groups.due(T0.plusSeconds(30), l -> false);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).alerts()).hasSize(1);
    assertThat(sent.get(0).id()).isEqualTo("soc|route{host=\"10.0.0.1\"}|same|1|firing");
    assertThat(AlertGroups.groupId("soc", sent.get(0).groupKey())).isEqualTo(groups.list().get(0).id()).hasSize(16);
  }

  @Test
  void shouldHoldASilencedGroupUntilTheSilenceEnds() {
    raise("10.0.0.1", T0);
    assertThat(groups.due(T0.plusSeconds(30), labels -> true)).isEmpty();
    assertThat(due(T0.plusSeconds(31))).containsExactly("firing:1");
  }
}

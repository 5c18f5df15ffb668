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

/** A router on another node continues from the changed states the first one handed out. */
class AlertGroupsRestoreTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final RoutingConfig ROUTING = routing("");

  private final AlertGroups first = groups(ROUTING);
  private int n;

  private static RoutingConfig routing(String children) {
    return RoutingConfig.create(ConfigFactory.parseString("""
        watchfloor.alerting.route {
          receiver = soc, group_by = [host], group_wait = 30s, group_interval = 5m, repeat_interval = 1h
          %s
        }
        """.formatted(children)), List.of("soc"));
  }

  private static AlertGroups groups(RoutingConfig routing) {
    return new AlertGroups(routing, Duration.ofMinutes(10), Duration.ofHours(1), "http://wf");
  }

  private void raise(AlertGroups groups, String host, Instant at) {
    n++;
    Map<String, String> labels = Map.of("host", host, "rule.name", "beaconing", "severity", "high");
    groups.add(labels, new Notification.AlertItem("id-" + n, labels, "beacon", 0.9, at.toEpochMilli(), 0,
        "http://wf/a", "http://wf/a/pcap", Map.of("bytes", "1")), at);
  }

  private static List<String> due(AlertGroups groups, Instant at) {
    return groups.due(at, labels -> false).stream().map(Notification::id).toList();
  }

  /** The second router, started from everything the first one changed. */
  private AlertGroups handOver(RoutingConfig routing) {
    AlertGroups second = groups(routing);
    second.restore(first.takeChanges());
    return second;
  }

  @Test
  void shouldKeepTheTimersOfANotifiedGroupAndContinueItsSequence() {
    raise(first, "10.0.0.1", T0);
    assertThat(due(first, T0.plusSeconds(30))).hasSize(1);
    AlertGroups second = handOver(ROUTING);

    assertThat(second.list()).isEqualTo(first.list());
    assertThat(due(second, T0.plusSeconds(31))).isEmpty(); // not new again
    raise(second, "10.0.0.1", T0.plusSeconds(60));
    assertThat(due(second, T0.plusSeconds(329))).isEmpty(); // group_interval counts from the first node's notification
    assertThat(due(second, T0.plusSeconds(330))).containsExactly("soc|route{host=\"10.0.0.1\"}|id-1|2|firing");
    assertThat(second.list().get(0).anomalyIds()).containsExactly("id-1", "id-2");
  }

  @Test
  void shouldKeepAnAcknowledgementSoTheGroupIsNotRepeated() {
    raise(first, "10.0.0.1", T0);
    due(first, T0.plusSeconds(30));
    String id = first.list().get(0).id();
    first.acknowledge(id, T0.plusSeconds(40));
    AlertGroups second = handOver(ROUTING);

    assertThat(second.list().get(0).status()).isEqualTo("acknowledged");
    raise(second, "10.0.0.1", T0.plusSeconds(3300)); // still seen: no auto-resolve
    // a firing group would be repeated now (repeat_interval after its last notification, the ack)
    assertThat(due(second, T0.plusSeconds(3700))).isEmpty();
  }

  @Test
  void shouldKeepTheFlapRecordOfAResolvedGroup() {
    raise(first, "10.0.0.1", T0);
    due(first, T0.plusSeconds(30));
    due(first, T0.plusSeconds(601)); // resolved: only the flap record is left
    List<AlertGroupState> changed = first.takeChanges();
    assertThat(changed).singleElement().satisfies(s -> {
      assertThat(s.open()).isNull();
      assertThat(s.flaps()).isEqualTo(new AlertGroupState.Flaps(0, T0.plusSeconds(601).toEpochMilli()));
    });
    AlertGroups second = groups(ROUTING);
    second.restore(changed);

    Instant again = T0.plusSeconds(900); // within the flap window: a flap, so 20 minutes of quiet now
    raise(second, "10.0.0.1", again);
    assertThat(due(second, again.plusSeconds(30))).hasSize(1);
    assertThat(due(second, again.plusSeconds(601))).isEmpty();
    assertThat(due(second, again.plusSeconds(1201))).hasSize(1);
  }

  @Test
  void shouldLeaveNothingOfAGroupResolvedByHandThatNeverFlapped() {
    raise(first, "10.0.0.1", T0);
    first.resolve(first.list().get(0).id(), T0.plusSeconds(5));
    assertThat(first.takeChanges()).singleElement().satisfies(s -> assertThat(s.nothingToKeep()).isTrue());
    assertThat(first.takeChanges()).isEmpty();
  }

  @Test
  void shouldDropAGroupWhoseRouteIsGoneAndOpenANewOne() {
    RoutingConfig withChild = routing("routes = [ { matchers = [\"host=10.0.0.1\"] } ]");
    AlertGroups before = groups(withChild);
    raise(before, "10.0.0.1", T0);
    AlertGroups after = groups(ROUTING);
    AlertGroups.Restored restored = after.restore(before.takeChanges());

    assertThat(restored.groups()).isZero();
    assertThat(restored.dropped()).singleElement().asString().contains("route.routes[0]");
    raise(after, "10.0.0.1", T0.plusSeconds(1));
    assertThat(due(after, T0.plusSeconds(31))).containsExactly("soc|route{host=\"10.0.0.1\"}|id-2|1|firing");
  }
}

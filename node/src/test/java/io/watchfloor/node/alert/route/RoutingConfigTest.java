package io.watchfloor.node.alert.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {
  private static final List<String> RECEIVERS = List.of("slack", "network-day", "network-night", "dataprotection");

  static final String TWO_TEAMS =
      """
      watchfloor.alerting {
        time_intervals = [
          { name = office, time_intervals = [ { weekdays = ["monday:friday"],
              times = [ { start_time = "08:00", end_time = "18:00" } ], location = "Europe/Berlin" } ] }
        ]
        route {
          receiver = slack
          group_by = [site, "rule.name"]
          routes = [
            { receiver = slack, continue = true }
            { matchers = ["rule.name=~\\"port_scan|flood\\""], receiver = network-day,
              active_time_intervals = [office], continue = true }
            { matchers = ["rule.name=~port_scan|flood"], receiver = network-night,
              mute_time_intervals = [office], continue = true }
            { matchers = ["rule.name=exfiltration", "source.ip=10.20.0.0/16"], receiver = dataprotection,
              group_by = ["..."] }
          ]
        }
        inhibit_rules = [
          { source_matchers = ["severity=critical"], target_matchers = ["severity!=critical"], equal = [host] }
        ]
        host_tags = [ { cidr = "10.20.0.0/16", tags { zone = pci } } ]
      }
      """;

  static RoutingConfig parse(String hocon) {
    Config c = ConfigFactory.parseString(hocon);
    return RoutingConfig.create(c, RECEIVERS);
  }

  private static Map<String, String> labels(String rule, String host) {
    return Map.of("rule.name", rule, "host", host, "source.ip", host, "site", "hq", "severity", "high");
  }

  @Test
  void shouldSendScansToTheDayTeamInOfficeHoursAndToTheNightTeamOutside() {
    RoutingConfig cfg = parse(TWO_TEAMS);
    List<Route> matched = cfg.tree().match(labels("port_scan", "10.0.0.5"));
    assertThat(matched).extracting(Route::receiver).containsExactly("slack", "network-day", "network-night");

    Instant tuesdayNoonBerlin = Instant.parse("2026-11-24T11:00:00Z");
    Instant tuesdayNightBerlin = Instant.parse("2026-11-24T22:00:00Z");
    Instant saturdayNoonBerlin = Instant.parse("2026-11-28T11:00:00Z");
    assertThat(matched.stream().filter(r -> cfg.tree().sendsAt(r, tuesdayNoonBerlin)).map(Route::receiver))
        .containsExactly("slack", "network-day");
    assertThat(matched.stream().filter(r -> cfg.tree().sendsAt(r, tuesdayNightBerlin)).map(Route::receiver))
        .containsExactly("slack", "network-night");
    assertThat(matched.stream().filter(r -> cfg.tree().sendsAt(r, saturdayNoonBerlin)).map(Route::receiver))
        .containsExactly("slack", "network-night");
  }

  @Test
  void shouldStopAtTheFirstMatchingRouteWithoutContinue() {
    RoutingConfig cfg = parse(TWO_TEAMS);
    assertThat(cfg.tree().match(labels("exfiltration", "10.20.1.9")))
        .extracting(Route::receiver).containsExactly("slack", "dataprotection");
  }

  @Test
  void shouldMatchSubnetsAsCidrAndFallBackToTheRootOutsideThem() {
    RoutingConfig cfg = parse(TWO_TEAMS);
    assertThat(cfg.tree().match(labels("exfiltration", "10.21.0.1"))).extracting(Route::receiver).containsExactly("slack");
    assertThat(cfg.tree().match(labels("beaconing", "10.20.0.1"))).extracting(Route::receiver).containsExactly("slack");
  }

  @Test
  void shouldInheritGroupByAndBuildStableGroupKeys() {
    RoutingConfig cfg = parse(TWO_TEAMS);
    Route day = cfg.tree().match(labels("port_scan", "10.0.0.5")).get(1);
    assertThat(day.groupBy()).containsExactly("site", "rule.name");
    assertThat(day.groupWait()).hasSeconds(30);
    assertThat(RouteTree.groupKey(day, labels("port_scan", "10.0.0.5")))
        .isEqualTo("route.routes[1]{rule.name=\"port_scan\",site=\"hq\"}")
        .isEqualTo(RouteTree.groupKey(day, labels("port_scan", "10.9.9.9")));
  }

  @Test
  void shouldInhibitOnlyTargetsSharingTheEqualLabels() {
    RoutingConfig cfg = parse(TWO_TEAMS);
    Map<String, String> critical = Map.of("host", "10.0.0.5", "severity", "critical", "rule.name", "flood");
    Map<String, String> sameHost = Map.of("host", "10.0.0.5", "severity", "high", "rule.name", "port_scan");
    Map<String, String> otherHost = Map.of("host", "10.0.0.6", "severity", "high", "rule.name", "port_scan");
    Map<String, String> otherCritical = Map.of("host", "10.0.0.5", "severity", "critical", "rule.name", "beaconing");
    List<Map<String, String>> firing = List.of(critical, sameHost, otherHost);
    assertThat(cfg.inhibited(sameHost, firing)).isTrue();
    assertThat(cfg.inhibited(otherHost, firing)).isFalse();
    assertThat(cfg.inhibited(otherCritical, firing)).isFalse();
    assertThat(cfg.inhibited(critical, firing)).isFalse();
  }

  @Test
  void shouldParseAllFourMatcherOperators() {
    Map<String, String> l = Map.of("severity", "high", "source.ip", "192.168.1.7");
    assertThat(Matcher.parse("severity=high").matches(l)).isTrue();
    assertThat(Matcher.parse("severity!=high").matches(l)).isFalse();
    assertThat(Matcher.parse("severity=~\"hi.*\"").matches(l)).isTrue();
    assertThat(Matcher.parse("severity=~hi").matches(l)).isFalse(); // anchored
    assertThat(Matcher.parse("severity!~low|medium").matches(l)).isTrue();
    assertThat(Matcher.parse("source.ip!=192.168.0.0/16").matches(l)).isFalse();
    assertThat(Matcher.parse("missing=").matches(l)).isTrue();
  }

  @Test
  void shouldNameTheBadKeyAndWhy() {
    assertThatThrownBy(() -> parse("watchfloor.alerting.route { receiver = slack, recevier = x }"))
        .hasMessageContaining("watchfloor.alerting.route.recevier: unknown key");
    assertThatThrownBy(() -> parse("watchfloor.alerting.route { receiver = nobody }"))
        .hasMessageContaining("watchfloor.alerting.route.receiver: no receiver named 'nobody'");
    assertThatThrownBy(() -> parse(
            "watchfloor.alerting.route { receiver = slack, routes = [ {}, { matchers = [\"severity=~(\"] } ] }"))
        .hasMessageStartingWith("watchfloor.alerting.route.routes[1].matchers[0]: '(' is not a regular expression");
    assertThatThrownBy(() -> parse(
            "watchfloor.alerting.route { receiver = slack, routes = [ { matchers = [\"source.ip=10.0.0.0/33\"] } ] }"))
        .hasMessageContaining("routes[0].matchers[0]").hasMessageContaining("at most /32");
    assertThatThrownBy(() -> parse(
            "watchfloor.alerting.route { receiver = slack, routes = [ { matchers = [\"source.ip=10.20.1.0/16\"] } ] }"))
        .hasMessageContaining("routes[0].matchers[0]").hasMessageContaining("host bits set");
    assertThatThrownBy(() -> parse(
            "watchfloor.alerting { route { receiver = slack, mute_time_intervals = [nights] } }"))
        .hasMessageContaining("watchfloor.alerting.route.mute_time_intervals: no time interval named 'nights'");
    assertThatThrownBy(() -> parse(
            "watchfloor.alerting { route.receiver = slack, time_intervals = [ { name = x, time_intervals = [ { weekdays = [funday] } ] } ] }"))
        .hasMessageContaining("watchfloor.alerting.time_intervals[0].time_intervals[0].weekdays: 'funday' is not a weekday");
    assertThatThrownBy(() -> parse("watchfloor.alerting.route { receiver = slack, group_wait = soon }"))
        .hasMessageContaining("watchfloor.alerting.route.group_wait: must be a duration");
  }

  @Test
  void shouldTagHostsByNetwork() {
    RoutingConfig cfg = parse(TWO_TEAMS);
    assertThat(cfg.hostTags()).hasSize(1);
    assertThat(cfg.hostTags().get(0).network().containsLiteral("10.20.3.4")).isTrue();
    assertThat(cfg.hostTags().get(0).network().containsLiteral("10.2.3.4")).isFalse();
  }
}

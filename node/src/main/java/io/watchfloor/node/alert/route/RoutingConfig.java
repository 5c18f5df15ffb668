package io.watchfloor.node.alert.route;

import com.typesafe.config.Config;
import io.watchfloor.protocol.ip.IpPrefix;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing part of {@code watchfloor.alerting}: the tree ({@code route}), inhibition rules,
 * named time intervals and host tags, parsed strictly with Alertmanager's key names. Receivers are
 * parsed by the receiver package; here only their names are checked against the routes.
 */
public record RoutingConfig(
    RouteTree tree, List<InhibitRule> inhibitRules, Map<String, TimeInterval> timeIntervals, List<HostTag> hostTags) {

  private static final String ROOT = "watchfloor.alerting";
  private static final Set<String> ROUTE_KEYS =
      Set.of(
          "receiver", "matchers", "group_by", "group_wait", "group_interval", "repeat_interval",
          "continue", "routes", "active_time_intervals", "mute_time_intervals");

  public RoutingConfig {
    inhibitRules = List.copyOf(inhibitRules);
    timeIntervals = Map.copyOf(timeIntervals);
    hostTags = List.copyOf(hostTags);
  }

  /** Reads {@code watchfloor.alerting} of a full config; {@code receivers} are the names defined. */
  public static RoutingConfig create(Config root, Collection<String> receivers) {
    ConfigNode alerting = new ConfigNode(ROOT, root.getConfig(ROOT));
    Map<String, TimeInterval> intervals = new LinkedHashMap<>();
    for (ConfigNode n : alerting.objects("time_intervals")) {
      TimeInterval t = timeInterval(n);
      if (intervals.put(t.name(), t) != null) {
        throw new RoutingConfigException(n.path("name"), "time interval '" + t.name() + "' is defined twice");
      }
    }
    Route tree = route(alerting.object("route"), null, new HashSet<>(receivers), intervals.keySet());
    List<InhibitRule> inhibit = new ArrayList<>();
    for (ConfigNode n : alerting.objects("inhibit_rules")) {
      n.allowOnly(Set.of("source_matchers", "target_matchers", "equal"));
      inhibit.add(new InhibitRule(matchers(n, "source_matchers"), matchers(n, "target_matchers"), n.strings("equal")));
    }
    List<HostTag> tags = new ArrayList<>();
    for (ConfigNode n : alerting.objects("host_tags")) {
      n.allowOnly(Set.of("cidr", "tags"));
      tags.add(new HostTag(cidr(n), n.stringMap("tags")));
    }
    return new RoutingConfig(new RouteTree(tree, intervals), inhibit, intervals, tags);
  }

  /** True when an alert firing now (one of {@code firing}) inhibits {@code target}. */
  public boolean inhibited(Map<String, String> target, Collection<Map<String, String>> firing) {
    return inhibitRules.stream().anyMatch(r -> r.inhibits(target, firing));
  }

  private static Route route(ConfigNode n, Route parent, Set<String> receivers, Set<String> intervals) {
    n.allowOnly(ROUTE_KEYS);
    String receiver = n.string("receiver", parent == null ? null : parent.receiver());
    if (receiver == null || receiver.isBlank()) {
      throw new RoutingConfigException(n.path("receiver"), "the root route needs a receiver");
    }
    if (!receivers.contains(receiver)) {
      throw new RoutingConfigException(
          n.path("receiver"), "no receiver named '" + receiver + "' in watchfloor.alerting.receivers");
    }
    if (parent == null && n.has("matchers")) {
      throw new RoutingConfigException(n.path("matchers"), "the root route matches every alert and takes no matchers");
    }
    Duration wait = n.duration("group_wait", parent == null ? Duration.ofSeconds(30) : parent.groupWait());
    Duration interval = n.duration("group_interval", parent == null ? Duration.ofMinutes(5) : parent.groupInterval());
    Duration repeat = n.duration("repeat_interval", parent == null ? Duration.ofHours(4) : parent.repeatInterval());
    List<String> active = intervalNames(n, "active_time_intervals", intervals);
    List<String> mute = intervalNames(n, "mute_time_intervals", intervals);
    List<String> groupBy = n.has("group_by") ? n.strings("group_by") : parent == null ? List.of() : parent.groupBy();
    List<ConfigNode> childNodes = n.objects("routes");
    Route self =
        new Route(n.path().replace(ROOT + ".", ""), receiver, matchers(n, "matchers"), groupBy, wait, interval, repeat,
            n.bool("continue", false), active, mute, List.of());
    List<Route> children = new ArrayList<>();
    for (ConfigNode child : childNodes) {
      children.add(route(child, self, receivers, intervals));
    }
    return new Route(self.path(), receiver, self.matchers(), groupBy, wait, interval, repeat,
        self.continueMatching(), active, mute, children);
  }

  private static List<String> intervalNames(ConfigNode n, String key, Set<String> defined) {
    List<String> names = n.strings(key);
    for (String name : names) {
      if (!defined.contains(name)) {
        throw new RoutingConfigException(
            n.path(key), "no time interval named '" + name + "' in watchfloor.alerting.time_intervals");
      }
    }
    return names;
  }

  /** A list of matcher strings. */
  public static List<Matcher> matchers(ConfigNode n, String key) {
    List<String> texts = n.strings(key);
    List<Matcher> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(Matcher.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw new RoutingConfigException(n.path(key) + "[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  private static IpPrefix cidr(ConfigNode n) {
    try {
      return IpPrefix.parse(n.requiredString("cidr"));
    } catch (RoutingConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new RoutingConfigException(n.path("cidr"), e.getMessage());
    }
  }

  private static TimeInterval timeInterval(ConfigNode n) {
    n.allowOnly(Set.of("name", "time_intervals"));
    String name = n.requiredString("name");
    List<TimePeriod> periods = new ArrayList<>();
    for (ConfigNode p : n.objects("time_intervals")) {
      p.allowOnly(Set.of("weekdays", "times", "days_of_month", "months", "location"));
      periods.add(period(p));
    }
    if (periods.isEmpty()) {
      throw new RoutingConfigException(n.path("time_intervals"), "needs at least one period");
    }
    return new TimeInterval(name, periods);
  }

  private static TimePeriod period(ConfigNode p) {
    String key = "weekdays";
    try {
      Set<DayOfWeek> days = new HashSet<>();
      for (String w : p.strings("weekdays")) {
        TimePeriod.addWeekdays(w, days);
      }
      key = "times";
      List<int[]> ranges = new ArrayList<>();
      for (ConfigNode t : p.objects("times")) {
        t.allowOnly(Set.of("start_time", "end_time"));
        int start = TimePeriod.minuteOfDay(t.requiredString("start_time"));
        int end = TimePeriod.minuteOfDay(t.requiredString("end_time"));
        if (end <= start) {
          throw new IllegalArgumentException("end_time must be after start_time");
        }
        ranges.add(new int[] {start, end});
      }
      key = "days_of_month";
      Set<Integer> dom = new HashSet<>();
      for (String d : p.strings("days_of_month")) {
        TimePeriod.addNumbers(d, -31, 31, dom);
      }
      key = "months";
      Set<Integer> months = new HashSet<>();
      for (String m : p.strings("months")) {
        TimePeriod.addNumbers(m, 1, 12, months);
      }
      key = "location";
      ZoneId zone = p.has("location") ? ZoneId.of(p.string("location", "UTC")) : ZoneOffset.UTC;
      return new TimePeriod(days, ranges, dom, months, zone);
    } catch (RoutingConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RoutingConfigException(p.path(key), e.getMessage());
    }
  }
}

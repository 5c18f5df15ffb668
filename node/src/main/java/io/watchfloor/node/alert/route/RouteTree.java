package io.watchfloor.node.alert.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The routing tree with Alertmanager's semantics: the root matches every alert; an alert descends
 * into the first child whose matchers all match, and on to the next siblings only while the matched
 * child has {@code continue}; a route none of whose children match handles the alert itself. Time
 * intervals decide whether a matched route sends now; they never change which routes match.
 */
public final class RouteTree {
  private final Route root;
  private final Map<String, TimeInterval> intervals;

  public RouteTree(Route root, Map<String, TimeInterval> intervals) {
    this.root = root;
    this.intervals = Map.copyOf(intervals);
  }

  public Route root() {
    return root;
  }

  /** The route at {@code path} (e.g. {@code route.routes[1]}), if the tree has one there. */
  public Optional<Route> find(String path) {
    return find(root, path);
  }

  private static Optional<Route> find(Route route, String path) {
    if (route.path().equals(path)) {
      return Optional.of(route);
    }
    for (Route child : route.routes()) {
      if (path.startsWith(child.path())) {
        Optional<Route> found = find(child, path);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** The routes that handle an alert with these labels, in tree order; never empty. */
  public List<Route> match(Map<String, String> labels) {
    List<Route> out = new ArrayList<>();
    collect(root, labels, out);
    return out;
  }

  private static boolean collect(Route route, Map<String, String> labels, List<Route> out) {
    if (!route.matchers().stream().allMatch(m -> m.matches(labels))) {
      return false;
    }
    boolean childMatched = false;
    for (Route child : route.routes()) {
      if (collect(child, labels, out)) {
        childMatched = true;
        if (!child.continueMatching()) {
          break;
        }
      }
    }
    if (!childMatched) {
      out.add(route);
    }
    return true;
  }

  /**
   * Whether a matched route sends at {@code now}: not inside any of its mute intervals, and inside
   * one of its active intervals when it has any.
   */
  public boolean sendsAt(Route route, Instant now) {
    for (String name : route.muteTimeIntervals()) {
      if (intervals.get(name).contains(now)) {
        return false;
      }
    }
    if (route.activeTimeIntervals().isEmpty()) {
      return true;
    }
    return route.activeTimeIntervals().stream().anyMatch(n -> intervals.get(n).contains(now));
  }

  /**
   * The group key: the route's path and the values of its {@code group_by} labels, e.g. {@code
   * route.routes[0]{rule.name="port_scan",site="hq"}}. It is the dedup key receivers see.
   */
  public static String groupKey(Route route, Map<String, String> labels) {
    StringJoiner j = new StringJoiner(",", route.path() + "{", "}");
    if (route.groupsByAll()) {
      labels.forEach((k, v) -> j.add(k + "=\"" + v + "\""));
    } else {
      route.groupBy().stream().sorted().forEach(k -> j.add(k + "=\"" + labels.getOrDefault(k, "") + "\""));
    }
    return j.toString();
  }
}

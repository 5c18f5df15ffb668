package io.watchfloor.node.alert.group;

import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.route.Route;
import io.watchfloor.node.alert.route.RouteTree;
import io.watchfloor.node.alert.route.RoutingConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every live alert group, Alertmanager's timing on top: a new group waits {@code group_wait} for
 * company, new alerts in a notified group go out after {@code group_interval}, an unchanged firing
 * group is repeated after {@code repeat_interval}. A group nobody has raised anything in for the
 * quiet time resolves itself; a group that keeps resolving and firing again (flapping) needs a
 * quiet time twice as long per flap, up to 16 times. Muted, inhibited or silenced groups send
 * nothing while so, and go out when they no longer are.
 *
 * <p>Every group id whose state changed is remembered until {@link #takeChanges()}, so the router
 * can store it; {@link #restore} puts stored groups back on another node.
 */
public final class AlertGroups {
  private static final int MAX_FLAP_DOUBLINGS = 4;

  private final RoutingConfig routing;
  private final Duration resolveAfter;
  private final Duration flapWindow;
  private final String externalUrl;
  private final Map<String, AlertGroup> groups = new LinkedHashMap<>();
  private final Map<String, Flaps> flaps = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  private record Flaps(int count, Instant lastResolved) {}

  public AlertGroups(RoutingConfig routing, Duration resolveAfter, Duration flapWindow, String externalUrl) {
    this.routing = routing;
    this.resolveAfter = resolveAfter;
    this.flapWindow = flapWindow;
    this.externalUrl = externalUrl;
  }

  /** Adds an alert to the group of every route it matches; returns the ids of those groups. */
  public List<String> add(Map<String, String> labels, Notification.AlertItem item, Instant now) {
    List<String> ids = new ArrayList<>();
    for (Route route : routing.tree().match(labels)) {
      String key = RouteTree.groupKey(route, labels);
      String id = groupId(route.receiver(), key);
      AlertGroup g = groups.get(id);
      if (g == null) {
        g = new AlertGroup(id, route, key, groupLabels(route, labels), now, item.anomalyId());
        groups.put(id, g);
      }
      g.add(item, labels, now);
      changed.add(id);
      ids.add(id);
    }
    return ids;
  }

  /**
   * What is due at {@code now}: first notifications after group_wait, updates after
   * group_interval, repeats, auto-resolutions. {@code silenced} tells whether a label set is
   * silenced now.
   */
  public List<Notification> due(Instant now, Predicate<Map<String, String>> silenced) {
    List<Map<String, String>> firing = new ArrayList<>();
    groups.values().stream().filter(g -> g.status != Notification.Status.RESOLVED).forEach(g -> firing.addAll(g.labelSets));
    List<Notification> out = new ArrayList<>();
    for (var it = groups.values().iterator(); it.hasNext(); ) {
      AlertGroup g = it.next();
      if (now.isAfter(g.lastSeen.plus(quietTime(g)))) {
        it.remove();
        changed.add(g.id);
        flaps.merge(g.id, new Flaps(0, now), (old, x) -> new Flaps(old.count(), now));
        if (g.lastNotified != null) {
          out.add(notification(g, Notification.Status.RESOLVED, now));
        }
        continue;
      }
      if (g.status != Notification.Status.FIRING || !sends(g, now, firing, silenced)) {
        continue;
      }
      boolean first = g.lastNotified == null && !now.isBefore(g.firstSeen.plus(g.route.groupWait()));
      boolean update = g.lastNotified != null && g.unsent && !now.isBefore(g.lastNotified.plus(g.route.groupInterval()));
      boolean repeat = g.lastNotified != null && !now.isBefore(g.lastNotified.plus(g.route.repeatInterval()));
      if (first || update || repeat) {
        if (first) {
          countFlap(g, now);
        }
        out.add(notification(g, Notification.Status.FIRING, now));
      }
    }
    return out;
  }

  private boolean sends(AlertGroup g, Instant now, List<Map<String, String>> firing, Predicate<Map<String, String>> silenced) {
    if (!routing.tree().sendsAt(g.route, now)) {
      return false;
    }
    // The group sends while one of its alerts is neither inhibited nor silenced.
    for (Map<String, String> labels : g.labelSets) {
      if (!routing.inhibited(labels, firing) && !silenced.test(labels)) {
        return true;
      }
    }
    return false;
  }

  private void countFlap(AlertGroup g, Instant now) {
    Flaps f = flaps.get(g.id);
    if (f != null) {
      boolean flapped = f.lastResolved() != null && !now.isAfter(f.lastResolved().plus(flapWindow));
      flaps.put(g.id, new Flaps(flapped ? f.count() + 1 : 0, f.lastResolved()));
    }
  }

  private Duration quietTime(AlertGroup g) {
    Flaps f = flaps.get(g.id);
    int doublings = f == null ? 0 : Math.min(f.count(), MAX_FLAP_DOUBLINGS);
    return resolveAfter.multipliedBy(1L << doublings);
  }

  /** A group changed by hand: how it looks now, and what its receiver is told. */
  public record Change(AlertGroupView group, Notification notification) {}

  /** Marks a firing group acknowledged (no more repeats) and tells its receiver. */
  public Optional<Change> acknowledge(String id, Instant now) {
    AlertGroup g = groups.get(id);
    if (g == null || g.status != Notification.Status.FIRING) {
      return Optional.empty();
    }
    g.status = Notification.Status.ACKNOWLEDGED;
    Notification n = notification(g, Notification.Status.ACKNOWLEDGED, now);
    return Optional.of(new Change(g.view(), n));
  }

  /** Resolves a group by hand; it is forgotten, and the next alert opens a new one. */
  public Optional<Change> resolve(String id, Instant now) {
    AlertGroup g = groups.remove(id);
    if (g == null) {
      return Optional.empty();
    }
    g.status = Notification.Status.RESOLVED;
    Notification n = notification(g, Notification.Status.RESOLVED, now);
    return Optional.of(new Change(g.view(), n));
  }

  /**
   * The state of every group id that changed since the last call, for the router to store; an id
   * resolved without a flap record comes with {@link AlertGroupState#nothingToKeep()}.
   */
  public List<AlertGroupState> takeChanges() {
    List<AlertGroupState> out = new ArrayList<>();
    for (String id : changed) {
      AlertGroup g = groups.get(id);
      Flaps f = flaps.get(id);
      out.add(new AlertGroupState(id, g == null ? null : g.state(),
          f == null ? null : new AlertGroupState.Flaps(f.count(), f.lastResolved().toEpochMilli())));
    }
    changed.clear();
    return out;
  }

  /**
   * What {@link #restore} put back, and what it could not.
   *
   * @param notifiedAlerts the alert each restored, notified group's last notification was about
   *     (its oldest), whose playbooks ran
   */
  public record Restored(int groups, int flapRecords, List<String> dropped, List<String> notifiedAlerts) {}

  /**
   * Puts stored groups back, as the router does before it takes alerts on a new node. A group
   * whose route is no longer in the routing tree, or now has another receiver, is dropped (its
   * flap record stays); new alerts open a new group then.
   */
  public Restored restore(List<AlertGroupState> states) {
    int open = 0;
    int flapRecords = 0;
    List<String> dropped = new ArrayList<>();
    List<String> notified = new ArrayList<>();
    for (AlertGroupState s : states) {
      if (s.flaps() != null) {
        flaps.put(s.id(), new Flaps(s.flaps().count(), Instant.ofEpochMilli(s.flaps().lastResolvedMillis())));
        flapRecords++;
      }
      AlertGroupState.Open o = s.open();
      if (o == null) {
        continue;
      }
      Optional<Route> route = routing.tree().find(o.route()).filter(r -> r.receiver().equals(o.receiver()));
      if (route.isEmpty() || !groupId(o.receiver(), o.groupKey()).equals(s.id())) {
        dropped.add(s.id() + " (" + o.groupKey() + " for " + o.receiver() + ": no such route now)");
        continue;
      }
      groups.put(s.id(), AlertGroup.restore(s.id(), route.get(), o));
      open++;
      if (o.lastNotifiedMillis() != null && !o.alerts().isEmpty()) {
        notified.add(o.alerts().get(0).anomalyId());
      }
    }
    return new Restored(open, flapRecords, dropped, notified);
  }

  public List<AlertGroupView> list() {
    return groups.values().stream().map(AlertGroup::view).toList();
  }

  private Notification notification(AlertGroup g, Notification.Status status, Instant now) {
    g.sequence++;
    g.lastNotified = now;
    g.unsent = false;
    changed.add(g.id);
    // Deterministic: the same first anomaly and step give the same id, so a replay is stored once.
    String id = g.route.receiver() + "|" + g.groupKey + "|" + g.firstAnomalyId + "|" + g.sequence + "|" + status.label();
    List<Notification.AlertItem> items = new ArrayList<>(g.alerts);
    java.util.Collections.reverse(items); // newest first
    return new Notification(id, g.route.receiver(), g.groupKey, status, g.groupLabels, items, externalUrl, now.toEpochMilli());
  }

  private static Map<String, String> groupLabels(Route route, Map<String, String> labels) {
    if (route.groupsByAll()) {
      return labels;
    }
    Map<String, String> out = new LinkedHashMap<>();
    route.groupBy().forEach(k -> out.put(k, labels.getOrDefault(k, "")));
    return out;
  }

  /** Short, URL-safe and stable across nodes and restarts. */
  public static String groupId(String receiver, String groupKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((receiver + "\n" + groupKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

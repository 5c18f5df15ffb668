package io.watchfloor.node.alert.group;

import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.route.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One group of alerts for one route and group key, while it lives. Mutable; owned by
 * {@link AlertGroups} and never sent between actors (see {@link AlertGroupView}).
 */
final class AlertGroup {
  /** Alerts a notification carries at most: the newest. */
  static final int MAX_ALERTS = 20;

  final String id;
  final Route route;
  final String groupKey;
  final Map<String, String> groupLabels;
  final Instant firstSeen;
  final String firstAnomalyId;
  final List<Notification.AlertItem> alerts = new ArrayList<>();
  final List<Map<String, String>> labelSets = new ArrayList<>();
  Notification.Status status = Notification.Status.FIRING;
  Instant lastSeen;
  Instant lastNotified;
  boolean unsent = true;
  int sequence;

  AlertGroup(String id, Route route, String groupKey, Map<String, String> groupLabels, Instant now, String firstAnomalyId) {
    this.id = id;
    this.route = route;
    this.groupKey = groupKey;
    this.groupLabels = Map.copyOf(groupLabels);
    this.firstSeen = now;
    this.lastSeen = now;
    this.firstAnomalyId = firstAnomalyId;
  }

  /** False when the anomaly is already in the group (a redelivery). */
  boolean add(Notification.AlertItem item, Map<String, String> labels, Instant now) {
    lastSeen = now;
    if (alerts.stream().anyMatch(a -> a.anomalyId().equals(item.anomalyId()))) {
      return false;
    }
    alerts.add(item);
    labelSets.add(labels);
    if (alerts.size() > MAX_ALERTS) {
      alerts.remove(0);
      labelSets.remove(0);
    }
    unsent = true;
    return true;
  }

  AlertGroupState.Open state() {
    return new AlertGroupState.Open(route.receiver(), route.path(), groupKey, groupLabels, status, firstAnomalyId,
        firstSeen.toEpochMilli(), lastSeen.toEpochMilli(), lastNotified == null ? null : lastNotified.toEpochMilli(),
        unsent, sequence, alerts);
  }

  /** The group a stored state describes, on {@code route} (its path in today's routing tree). */
  static AlertGroup restore(String id, Route route, AlertGroupState.Open s) {
    AlertGroup g = new AlertGroup(id, route, s.groupKey(), s.groupLabels(), Instant.ofEpochMilli(s.firstSeenMillis()),
        s.firstAnomalyId());
    g.status = s.status();
    g.lastSeen = Instant.ofEpochMilli(s.lastSeenMillis());
    g.lastNotified = s.lastNotifiedMillis() == null ? null : Instant.ofEpochMilli(s.lastNotifiedMillis());
    g.unsent = s.unsent();
    g.sequence = s.sequence();
    // The router builds each item from the alert's label set, so the items carry the label sets.
    for (Notification.AlertItem item : s.alerts()) {
      g.alerts.add(item);
      g.labelSets.add(item.labels());
    }
    return g;
  }

  AlertGroupView view() {
    return new AlertGroupView(id, route.receiver(), route.path(), groupKey, groupLabels, status.label(),
        firstSeen.toEpochMilli(), lastSeen.toEpochMilli(), lastNotified == null ? null : lastNotified.toEpochMilli(),
        alerts.stream().map(Notification.AlertItem::anomalyId).toList());
  }
}

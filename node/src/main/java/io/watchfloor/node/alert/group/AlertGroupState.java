package io.watchfloor.node.alert.group;

import io.watchfloor.node.alert.receiver.Notification;
import java.util.List;
import java.util.Map;

/**
 * What {@link AlertGroups} knows about one group id, as stored so that a router starting on
 * another node continues the group instead of sending it again as new: the open group, if there is
 * one, and the group id's flap record. Immutable; timestamps in epoch milliseconds.
 *
 * @param open the live group, or null when the id has no open group (resolved)
 * @param flaps how often the group flapped and when it last resolved, or null if it never resolved
 */
public record AlertGroupState(String id, Open open, Flaps flaps) {

  /**
   * A live group.
   *
   * @param route the path of its route in the routing tree, e.g. {@code route.routes[1]}
   * @param lastNotifiedMillis when its receiver was last told about it, or null if never
   * @param unsent it has alerts its receiver has not seen yet
   * @param sequence notifications made for it so far (part of each notification's id)
   * @param alerts its alerts, oldest first; an alert's label set is its item's labels
   */
  public record Open(
      String receiver,
      String route,
      String groupKey,
      Map<String, String> groupLabels,
      Notification.Status status,
      String firstAnomalyId,
      long firstSeenMillis,
      long lastSeenMillis,
      Long lastNotifiedMillis,
      boolean unsent,
      int sequence,
      List<Notification.AlertItem> alerts) {

    public Open {
      groupLabels = Map.copyOf(groupLabels);
      alerts = List.copyOf(alerts);
    }
  }

  /** @param count flaps in a row (each doubles the quiet time, up to 16x) */
  public record Flaps(int count, long lastResolvedMillis) {}

  /** Nothing left to keep: no open group and no flap record. */
  public boolean nothingToKeep() {
    return open == null && flaps == null;
  }
}

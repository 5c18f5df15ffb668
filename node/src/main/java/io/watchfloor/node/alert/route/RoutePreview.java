package io.watchfloor.node.alert.route;

import io.watchfloor.protocol.alert.Anomaly;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an anomaly would go, without sending anything: the receivers of the routes it matches that
 * are not muted at the anomaly's own time (a replayed capture is judged by when its traffic
 * happened). Receivers with no integration (Alertmanager's "null" receiver, the default) send
 * nothing and are left out. For {@code analyze --config} and the like.
 */
public final class RoutePreview {
  private final RoutingConfig routing;
  private final Set<String> silent;

  /** @param silent receivers that have no integration */
  public RoutePreview(RoutingConfig routing, Set<String> silent) {
    this.routing = routing;
    this.silent = Set.copyOf(silent);
  }

  public List<String> receivers(Anomaly a) {
    Map<String, String> labels = AlertLabels.of(a, routing.hostTags());
    Instant at = Instant.ofEpochMilli(a.windowStartMillis());
    return routing.tree().match(labels).stream()
        .filter(r -> routing.tree().sendsAt(r, at))
        .map(Route::receiver)
        .filter(r -> !silent.contains(r))
        .distinct()
        .toList();
  }
}

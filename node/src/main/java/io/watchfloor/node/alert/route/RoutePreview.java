package io.watchfloor.node.alert.route;

import io.watchfloor.protocol.alert.Anomaly;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where an anomaly would go, without sending anything: the receivers of the routes it matches that
 * are not muted at the anomaly's own time (a replayed capture is judged by when its traffic
 * happened). For {@code analyze --config} and the like.
 */
public final class RoutePreview {
  private final RoutingConfig routing;

  public RoutePreview(RoutingConfig routing) {
    this.routing = routing;
  }

  public List<String> receivers(Anomaly a) {
    Map<String, String> labels = AlertLabels.of(a, routing.hostTags());
    Instant at = Instant.ofEpochMilli(a.windowStartMillis());
    return routing.tree().match(labels).stream()
        .filter(r -> routing.tree().sendsAt(r, at))
        .map(Route::receiver)
        .distinct()
        .toList();
  }
}

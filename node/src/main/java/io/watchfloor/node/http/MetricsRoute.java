package io.watchfloor.node.http;

import io.watchfloor.node.metrics.NodeMetrics;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics}: the node's Prometheus exposition. */
public final class MetricsRoute extends AllDirectives {
  private static final ContentType.WithCharset PROMETHEUS =
      ContentTypes.create(
          MediaTypes.customWithOpenCharset("text", "plain", java.util.Map.of("version", "0.0.4"), false),
          HttpCharsets.UTF_8);

  private final NodeMetrics metrics;

  public MetricsRoute(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  public Route route() {
    return path("metrics", () -> get(() ->
        onSuccess(metrics.render(), text -> complete(HttpEntities.create(PROMETHEUS, text)))));
  }
}

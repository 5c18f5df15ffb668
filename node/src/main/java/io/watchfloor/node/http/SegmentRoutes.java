package io.watchfloor.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.watchfloor.protocol.api.SegmentStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/segments}: the capture statistics of every segment this node was asked to
 * capture or runs — state, the node it runs on, packets, bytes, kernel drops (libpcap, or a NetFlow
 * socket's), NetFlow decode errors, malformed packets by kind, flows, hosts, windows delivered,
 * anomalies, progress through a file.
 */
public final class SegmentRoutes extends AllDirectives {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Supplier<CompletionStage<List<SegmentStatus>>> segments;

  public SegmentRoutes(Supplier<CompletionStage<List<SegmentStatus>>> segments) {
    this.segments = segments;
  }

  public Route route() {
    return path(PathMatchersCompat.segments("api", "v1", "segments"), () -> get(() ->
        onSuccess(segments.get(), list -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("count", list.size());
          body.put("segments", list);
          return complete(StatusCodes.OK, body, Jackson.marshaller(JSON));
        })));
  }
}

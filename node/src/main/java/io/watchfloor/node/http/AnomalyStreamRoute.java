package io.watchfloor.node.http;

import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.EcsAlert;
import java.time.Duration;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

import static org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling.toEventStream;

/**
 * {@code GET /api/v1/anomalies/stream}: new anomalies as server-sent events ({@code event:
 * anomaly}, data = the ECS alert as JSON, {@code id} = the anomaly id), optionally only those of one
 * {@code host} or {@code detector}; a comment every 15 s keeps proxies from closing the stream. A
 * client slower than the anomalies loses the oldest undelivered ones (buffer of 1,000), never the
 * node's memory.
 */
public final class AnomalyStreamRoute extends AllDirectives {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUFFER = 1_000;

  private final ActorRef<Topic.Command<Anomaly>> topic;

  public AnomalyStreamRoute(ActorRef<Topic.Command<Anomaly>> topic) {
    this.topic = topic;
  }

  public Route route() {
    return path(PathMatchersCompat.segments("api", "v1", "anomalies", "stream"), () ->
        get(() -> parameterOptional("host", host -> parameterOptional("detector", detector ->
            stream(host.filter(h -> !h.isBlank()).map(h -> QueryParams.ip("host", h)),
                detector.filter(d -> !d.isBlank()))))));
  }

  private Route stream(Optional<String> host, Optional<String> detector) {
    Source<ServerSentEvent, NotUsed> events =
        ActorSource.<Anomaly>actorRef(m -> false, m -> Optional.empty(), BUFFER, OverflowStrategy.dropHead())
            .mapMaterializedValue(ref -> {
              topic.tell(Topic.subscribe(ref));
              return ref;
            })
            .filter(a -> host.map(a.host()::equals).orElse(true))
            .filter(a -> detector.map(a.detector()::equals).orElse(true))
            .map(AnomalyStreamRoute::event)
            .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat)
            .mapMaterializedValue(ref -> NotUsed.getInstance());
    return completeOK(events, toEventStream());
  }

  private static ServerSentEvent event(Anomaly a) throws JsonProcessingException {
    return ServerSentEvent.create(JSON.writeValueAsString(EcsAlert.fields(a)), "anomaly", a.id());
  }
}

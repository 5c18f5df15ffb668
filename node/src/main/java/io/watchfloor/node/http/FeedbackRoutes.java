package io.watchfloor.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.node.store.AnomalyRepository;
import io.watchfloor.node.store.FeedbackRepository;
import io.watchfloor.node.store.FeedbackRepository.Feedback;
import io.watchfloor.protocol.alert.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /api/v1/anomalies/{id}/feedback}: an analyst's verdict, {@code {"verdict":
 * "false_positive"|"true_positive", "comment": "...", "scope": "peer"|"host", "expires_in": "P7D"}}.
 * A false positive suppresses the detector on that host — for the anomaly's peer only (scope {@code
 * peer}, the default when the anomaly names one) or for every peer — for {@code expires_in} from the
 * anomaly's window (capture time, default 7 days, at most 365); a true positive raises the severity
 * of the detector's later anomalies on the host. Stored in Cassandra with its author (the token's
 * name) before the host entity applies it. {@code GET} lists the verdicts given, newest first.
 */
public final class FeedbackRoutes extends AllDirectives {
  static final String USER_HEADER = "X-Watchfloor-User";
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
  private static final Duration MAX_EXPIRY = Duration.ofDays(365);
  private static final int MAX_COMMENT = 2_000;

  private final AnomalyRepository anomalies;
  private final FeedbackRepository feedback;
  private final ActorSystem<?> system;
  private final Duration askTimeout;

  public FeedbackRoutes(AnomalyRepository anomalies, FeedbackRepository feedback, ActorSystem<?> system,
      Duration askTimeout) {
    this.anomalies = anomalies;
    this.feedback = feedback;
    this.system = system;
    this.askTimeout = askTimeout;
  }

  public Route route() {
    return pathPrefix(PathMatchersCompat.segments("api", "v1", "anomalies"), () ->
        pathPrefix(PathMatchers.segment(), id -> path("feedback", () -> concat(
            post(() -> optionalHeaderValueByName(USER_HEADER, user ->
                entity(Unmarshaller.entityToString(), body -> give(id, body, user.orElse("anonymous"))))),
            get(() -> list(id))))));
  }

  private Route give(String id, String body, String author) {
    requireUuid(id);
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(body);
    } catch (Exception e) {
      throw ApiError.badRequest("the body must be JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw ApiError.badRequest("the body must be a JSON object with \"verdict\"");
    }
    String verdict = json.path("verdict").asText("");
    if (!verdict.equals("true_positive") && !verdict.equals("false_positive")) {
      throw ApiError.badRequest("verdict must be \"true_positive\" or \"false_positive\", was '" + verdict + "'");
    }
    String comment = json.path("comment").asText("");
    if (comment.length() > MAX_COMMENT) {
      throw ApiError.badRequest("comment is longer than " + MAX_COMMENT + " characters");
    }
    Duration expiry = expiry(json.path("expires_in").asText(""));
    String scopeAsked = json.path("scope").asText("");
    if (!scopeAsked.isEmpty() && !scopeAsked.equals("peer") && !scopeAsked.equals("host")) {
      throw ApiError.badRequest("scope must be \"peer\" or \"host\", was '" + scopeAsked + "'");
    }
    CompletionStage<Map<String, Object>> done = anomalies.byId(id).thenCompose(found -> {
      Anomaly a = found.orElseThrow(() -> ApiError.notFound("no anomaly " + id));
      boolean fp = verdict.equals("false_positive");
      Optional<String> peer = fp && !scopeAsked.equals("host") ? Optional.ofNullable(a.destinationIp()) : Optional.empty();
      if (fp && scopeAsked.equals("peer") && peer.isEmpty()) {
        throw ApiError.badRequest("anomaly " + id + " names no peer: use scope \"host\"");
      }
      long until = a.windowStartMillis() + expiry.toMillis();
      String scope = fp ? peer.map(p -> "peer:" + p).orElse("host") : "";
      Feedback f = new Feedback(id, Instant.now(), verdict, comment, author, scope,
          fp ? Instant.ofEpochMilli(until) : null);
      return feedback.save(f)
          .thenCompose(saved -> HostMonitor.refFor(system, a.site(), a.host())
              .<org.apache.pekko.Done>ask(r -> new HostMonitor.ApplyFeedback(a.detector(), fp, peer.orElse(""), until, r), askTimeout))
          .thenApply(applied -> body(f, a));
    });
    return onSuccess(done, b -> complete(StatusCodes.CREATED, b, Jackson.marshaller(JSON)));
  }

  private Route list(String id) {
    requireUuid(id);
    return onSuccess(feedback.of(id), list -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("anomaly_id", id);
      body.put("feedback", list.stream().map(f -> row(f)).toList());
      return complete(StatusCodes.OK, body, Jackson.marshaller(JSON));
    });
  }

  private static Map<String, Object> body(Feedback f, Anomaly a) {
    Map<String, Object> m = row(f);
    m.put("host", a.host());
    m.put("detector", a.detector());
    m.put("effect", f.verdict().equals("false_positive")
        ? a.detector() + " suppressed for " + a.host() + (f.scope().startsWith("peer:") ? " towards " + f.scope().substring(5) : "")
            + " until " + f.expiresAt()
        : "later " + a.detector() + " anomalies of " + a.host() + " are raised one severity level");
    return m;
  }

  private static Map<String, Object> row(Feedback f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("anomaly_id", f.anomalyId());
    m.put("at", f.at().toString());
    m.put("verdict", f.verdict());
    m.put("comment", f.comment());
    m.put("author", f.author());
    m.put("scope", f.scope());
    m.put("expires_at", f.expiresAt() == null ? null : f.expiresAt().toString());
    return m;
  }

  private static Duration expiry(String text) {
    if (text.isBlank()) {
      return DEFAULT_EXPIRY;
    }
    try {
      Duration d = Duration.parse(text);
      if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(MAX_EXPIRY) > 0) {
        throw ApiError.badRequest("expires_in must be between PT1M and P365D, was " + text);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("expires_in '" + text + "' is not an ISO-8601 duration such as P7D or PT12H");
    }
  }

  private static void requireUuid(String id) {
    if (!id.matches("[0-9a-fA-F-]{36}")) {
      throw ApiError.badRequest("anomaly id '" + id + "' is not a UUID");
    }
  }
}

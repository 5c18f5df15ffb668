package io.watchfloor.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.watchfloor.node.alert.AlertRouter;
import io.watchfloor.node.alert.AlertingSettings;
import io.watchfloor.node.alert.group.AlertGroupView;
import io.watchfloor.node.alert.route.Route;
import io.watchfloor.node.alert.route.RouteTree;
import io.watchfloor.node.alert.silence.Silence;
import io.watchfloor.node.store.CassandraStore;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Alerting over HTTP, under {@code /api/v1}: alert groups (list, acknowledge, resolve), silences
 * (create, list, expire), the playbook actions that ran for an anomaly, and {@code POST routes/test}, which shows the routes a label set takes,
 * like {@code amtool config routes test}. Combined into {@link ApiRoutes}, which turns errors into
 * JSON.
 */
public final class AlertRoutes extends AllDirectives {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private static final Duration ASK = Duration.ofSeconds(5);
  private static final int MAX_BODY = 64 * 1024;

  private final ActorSystem<?> system;
  private final CassandraStore store;
  private final AlertingSettings settings;
  private final ActorRef<AlertRouter.Command> router;

  /** @param router the alert router, or null when alerting is off */
  public AlertRoutes(ActorSystem<?> system, CassandraStore store, AlertingSettings settings, ActorRef<AlertRouter.Command> router) {
    this.system = system;
    this.store = store;
    this.settings = settings;
    this.router = router;
  }

  public org.apache.pekko.http.javadsl.server.Route routes() {
    return concat(
        path("alerts", () -> get(this::listAlerts)),
        pathPrefix("alerts", () -> path(PathMatchers.segment().slash(PathMatchers.segment()), (id, action) ->
            post(() -> changeAlert(id, action)))),
        path("silences", () -> concat(get(this::listSilences), post(() -> body(this::createSilence)))),
        pathPrefix("silences", () -> path(PathMatchers.segment(), id -> delete(() -> expireSilence(id)))),
        path(PathMatchers.segment("routes").slash("test"), () -> post(() -> body(this::testRoutes))),
        pathPrefix("anomalies", () -> path(PathMatchers.segment().slash("actions"), id -> get(() -> actions(id)))));
  }

  private org.apache.pekko.http.javadsl.server.Route body(java.util.function.Function<JsonNode, org.apache.pekko.http.javadsl.server.Route> inner) {
    return withSizeLimit(MAX_BODY, () -> entity(Unmarshaller.entityToString(), text -> {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (Exception e) {
        throw ApiError.badRequest("body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
      if (node == null || !node.isObject()) {
        throw ApiError.badRequest("body must be a JSON object");
      }
      return inner.apply(node);
    }));
  }

  private ActorRef<AlertRouter.Command> router() {
    if (router == null) {
      throw new ApiError(503, "alerting is off (watchfloor.alerting.enabled)");
    }
    return router;
  }

  private org.apache.pekko.http.javadsl.server.Route listAlerts() {
    CompletionStage<List<AlertGroupView>> groups =
        AskPattern.ask(router(), AlertRouter.ListGroups::new, ASK, system.scheduler());
    return onSuccess(groups, list -> complete(StatusCodes.OK, Map.of("count", list.size(), "alerts", list), Jackson.marshaller(JSON)));
  }

  private org.apache.pekko.http.javadsl.server.Route changeAlert(String id, String action) {
    if (!id.matches("[0-9a-f]{16}")) {
      throw ApiError.badRequest("alert id '" + id + "' is not 16 hex digits");
    }
    CompletionStage<AlertGroupView> changed = switch (action) {
      case "acknowledge" -> AskPattern.<AlertRouter.Command, org.apache.pekko.pattern.StatusReply<AlertGroupView>>ask(
          router(), r -> new AlertRouter.Acknowledge(id, r), ASK, system.scheduler()).thenApply(AlertRoutes::unwrap);
      case "resolve" -> AskPattern.<AlertRouter.Command, org.apache.pekko.pattern.StatusReply<AlertGroupView>>ask(
          router(), r -> new AlertRouter.Resolve(id, r), ASK, system.scheduler()).thenApply(AlertRoutes::unwrap);
      default -> throw ApiError.notFound("no action '" + action + "' (acknowledge or resolve)");
    };
    return onSuccess(changed, view -> complete(StatusCodes.OK, view, Jackson.marshaller(JSON)));
  }

  private static AlertGroupView unwrap(org.apache.pekko.pattern.StatusReply<AlertGroupView> reply) {
    if (reply.isError()) {
      throw ApiError.notFound(reply.getError().getMessage());
    }
    return reply.getValue();
  }

  private org.apache.pekko.http.javadsl.server.Route actions(String anomalyId) {
    if (!anomalyId.matches("[0-9a-fA-F-]{36}")) {
      throw ApiError.badRequest("anomaly id '" + anomalyId + "' is not a UUID");
    }
    return onSuccess(store.actions().forAlert(anomalyId), list ->
        complete(StatusCodes.OK, Map.of("anomaly_id", anomalyId, "actions", list), Jackson.marshaller(JSON)));
  }

  private org.apache.pekko.http.javadsl.server.Route listSilences() {
    Instant now = Instant.now();
    return onSuccess(store.silences().all(), all -> {
      List<Map<String, Object>> out = all.stream().map(s -> silenceBody(s, now)).toList();
      return complete(StatusCodes.OK, Map.of("count", out.size(), "silences", out), Jackson.marshaller(JSON));
    });
  }

  private org.apache.pekko.http.javadsl.server.Route createSilence(JsonNode body) {
    Instant now = Instant.now();
    List<String> matchers = new ArrayList<>();
    body.path("matchers").forEach(m -> matchers.add(m.asText()));
    Instant starts = instant(body, "starts_at", now);
    Instant ends = instant(body, "ends_at", null);
    String author = body.path("created_by").asText("");
    if (author.isBlank()) {
      throw ApiError.badRequest("created_by is required");
    }
    Silence s;
    try {
      s = new Silence(UUID.randomUUID().toString(), matchers, starts.toEpochMilli(), ends.toEpochMilli(), author,
          body.path("comment").asText(""));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    return onSuccess(store.silences().save(s), done -> {
      reload();
      return complete(StatusCodes.CREATED, silenceBody(s, now), Jackson.marshaller(JSON));
    });
  }

  private org.apache.pekko.http.javadsl.server.Route expireSilence(String id) {
    Instant now = Instant.now();
    CompletionStage<Silence> expired = store.silences().all().thenCompose(all -> {
      Silence s = all.stream().filter(x -> x.id().equals(id)).findFirst()
          .orElseThrow(() -> ApiError.notFound("no silence " + id));
      Silence e = s.expiredAt(now);
      return store.silences().save(e).thenApply(done -> e);
    });
    return onSuccess(expired, e -> {
      reload();
      return complete(StatusCodes.OK, silenceBody(e, now), Jackson.marshaller(JSON));
    });
  }

  private void reload() {
    if (router != null) {
      router.tell(AlertRouter.ReloadSilences.INSTANCE);
    }
  }

  private org.apache.pekko.http.javadsl.server.Route testRoutes(JsonNode body) {
    JsonNode labelsNode = body.path("labels");
    if (!labelsNode.isObject()) {
      throw ApiError.badRequest("labels must be an object of label names to values");
    }
    Map<String, String> labels = new TreeMap<>();
    labelsNode.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Instant at = instant(body, "at", Instant.now());
    RouteTree tree = settings.routing().tree();
    List<Map<String, Object>> routes = new ArrayList<>();
    for (Route r : tree.match(labels)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("route", r.path());
      m.put("receiver", r.receiver());
      m.put("group_key", RouteTree.groupKey(r, labels));
      m.put("group_by", r.groupBy());
      m.put("sends_now", tree.sendsAt(r, at));
      m.put("active_time_intervals", r.activeTimeIntervals());
      m.put("mute_time_intervals", r.muteTimeIntervals());
      routes.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", labels);
    out.put("at", at.toString());
    out.put("receivers", routes.stream().map(m -> m.get("receiver")).distinct().toList());
    out.put("routes", routes);
    return complete(StatusCodes.OK, out, Jackson.marshaller(JSON));
  }

  private static Instant instant(JsonNode body, String field, Instant fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw ApiError.badRequest(field + " is required (ISO-8601, e.g. 2026-11-22T18:00:00Z)");
      }
      return fallback;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(field + " '" + v.asText() + "' is not an ISO-8601 instant");
    }
  }

  private static Map<String, Object> silenceBody(Silence s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("matchers", s.matchers());
    m.put("starts_at", Instant.ofEpochMilli(s.startsAtMillis()).toString());
    m.put("ends_at", Instant.ofEpochMilli(s.endsAtMillis()).toString());
    m.put("created_by", s.createdBy());
    m.put("comment", s.comment());
    m.put("state", s.state(now));
    return m;
  }
}

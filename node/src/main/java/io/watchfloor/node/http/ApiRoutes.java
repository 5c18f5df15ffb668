package io.watchfloor.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.watchfloor.node.NodeSettings;
import io.watchfloor.node.evidence.EvidenceStore;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.EcsAlert;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.api.HostState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The HTTP API under {@code /api/v1}: health, per-host state (live from the host entity plus its
 * recent anomalies from Cassandra) and anomaly queries. Every error is JSON {@code {"error": ...}}
 * with the right status.
 */
public final class ApiRoutes extends AllDirectives {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final ActorSystem<?> system;
  private final CassandraStore store;
  private final NodeSettings settings;
  private final EvidenceRoutes evidence;

  public ApiRoutes(ActorSystem<?> system, CassandraStore store, NodeSettings settings, EvidenceStore evidence) {
    this.system = system;
    this.store = store;
    this.settings = settings;
    this.evidence = new EvidenceRoutes(store.anomalies(), evidence,
        system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  /** The {@code /api/v1} routes; errors and authorisation are {@link HttpApi}'s. */
  public Route routes() {
    return pathPrefix("api", () -> pathPrefix("v1", () -> concat(
        path("health", () -> get(this::health)),
        path("hosts", () -> get(this::hosts)),
        pathPrefix("hosts", () -> path(PathMatchers.segment(), ip -> get(() -> host(ip)))),
        path("anomalies", () -> get(this::anomalies)),
        evidence.routes(),
        pathPrefix("anomalies", () -> path(PathMatchers.segment(), id -> get(() -> anomaly(id)))))));
  }

  private Route health() {
    return onSuccess(
        store.ping(),
        up -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", up ? "ok" : "degraded");
          body.put("cassandra", up ? "up" : "down");
          body.put("site", settings.site());
          return complete(up ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, body, Jackson.marshaller(JSON));
        });
  }

  private Route hosts() {
    return parameterOptional("site", site -> parameterOptional("ip", ip -> parameterOptional("cidr", cidr ->
        parameterOptional("sort", sort -> parameterOptional("offset", offset -> parameterOptional("limit", limit -> {
          HostListing.Query q = new HostListing.Query(
              site.filter(v -> !v.isBlank()).map(v -> QueryParams.site(Optional.of(v), settings.site())),
              ip.filter(v -> !v.isBlank()).map(v -> QueryParams.ip("ip", v)),
              QueryParams.cidr(cidr),
              QueryParams.choice("sort", sort, HostListing.SORTS),
              QueryParams.offset(offset, HostListing.MAX_SCANNED),
              QueryParams.limit(limit));
          return onSuccess(store.snapshots().list(HostListing.MAX_SCANNED),
              all -> complete(StatusCodes.OK, HostListing.answer(all, q), Jackson.marshaller(JSON)));
        }))))));
  }

  private Route host(String rawIp) {
    return parameterOptional(
        "site",
        siteParam -> {
          String ip = QueryParams.ip("host address", rawIp);
          String site = QueryParams.site(siteParam, settings.site());
          CompletionStage<HostState> state =
              HostMonitor.refFor(system, site, ip).ask(HostMonitor.GetState::new, settings.host().askTimeout());
          CompletionStage<List<Anomaly>> recent =
              store.anomalies().byHost(site, ip, settings.host().recentAnomalies());
          CompletionStage<Map<String, Object>> body =
              state.thenCombine(recent, (s, a) -> hostBody(s, a));
          return onSuccess(body, b -> {
            if (b == null) {
              throw ApiError.notFound("host " + ip + " has not been seen on site " + site);
            }
            return complete(StatusCodes.OK, b, Jackson.marshaller(JSON));
          });
        });
  }

  private static Map<String, Object> hostBody(HostState s, List<Anomaly> recent) {
    if (!s.known() && recent.isEmpty()) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site", s.site());
    body.put("host", s.host());
    Map<String, Object> baseline = new LinkedHashMap<>();
    baseline.put("windows_learned", s.windowsLearned());
    baseline.put("warm", s.baselineWarm());
    body.put("baseline", baseline);
    body.put("current_window", s.currentWindow());
    body.put("top_peers", HostContacts.topPeers(s.currentWindow()));
    body.put("top_ports", HostContacts.topPorts(s.currentWindow()));
    body.put("model", s.model());
    body.put("features", s.features());
    body.put("anomalies_raised", s.anomaliesRaised());
    body.put("last_snapshot", s.lastSnapshotMillis() == null ? null : Instant.ofEpochMilli(s.lastSnapshotMillis()).toString());
    body.put("recent_anomalies", recent.stream().map(EcsAlert::fields).toList());
    return body;
  }

  private Route anomalies() {
    return parameterOptional("host", host -> parameterOptional("site", site ->
        parameterOptional("from", from -> parameterOptional("to", to -> parameterOptional("limit", limit ->
        parameterOptional("detector", detector -> parameterOptional("severity", severity -> {
          String s = QueryParams.site(site, settings.site());
          Instant start = QueryParams.instant("from", from).orElse(Instant.EPOCH);
          Instant end = QueryParams.instant("to", to).orElse(Instant.now().plusSeconds(86_400));
          if (!start.isBefore(end)) {
            throw ApiError.badRequest("from (" + start + ") must be before to (" + end + ")");
          }
          int n = QueryParams.limit(limit);
          Optional<String> rule = detector.filter(d -> !d.isBlank()).map(QueryParams::detector);
          Optional<Severity> least = severity.filter(v -> !v.isBlank()).map(QueryParams::severity);
          // filtered queries read the newest MAX_LIMIT of the range, then filter
          int read = rule.isPresent() || least.isPresent() ? QueryParams.MAX_LIMIT : n;
          CompletionStage<List<Anomaly>> found =
              host.filter(h -> !h.isBlank()).isPresent()
                  ? store.anomalies().byHost(s, QueryParams.ip("host", host.get()), start, end, read)
                  : store.anomalies().bySite(s, start, end, read);
          return onSuccess(found, list -> {
            List<Anomaly> kept = list.stream()
                .filter(a -> rule.map(a.detector()::equals).orElse(true))
                .filter(a -> least.map(l -> a.severity().ordinal() >= l.ordinal()).orElse(true))
                .limit(n)
                .toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("count", kept.size());
            body.put("anomalies", kept.stream().map(EcsAlert::fields).toList());
            return complete(StatusCodes.OK, body, Jackson.marshaller(JSON));
          });
        })))))));
  }

  private Route anomaly(String id) {
    if (!id.matches("[0-9a-fA-F-]{36}")) {
      throw ApiError.badRequest("anomaly id '" + id + "' is not a UUID");
    }
    return onSuccess(store.anomalies().byId(id), found -> found
        .map(a -> complete(StatusCodes.OK, EcsAlert.fields(a), Jackson.marshaller(JSON)))
        .orElseThrow(() -> ApiError.notFound("no anomaly " + id)));
  }
}

package io.watchfloor.node.http.auth;

import java.util.List;
import java.util.Optional;

/**
 * Every operation of the HTTP API and the role it needs — the one list the authorisation check,
 * the OpenAPI document's test and the 401/403 tests all read. A request matching no entry is
 * answered 404 before any route sees it.
 */
public final class RouteCatalog {
  public static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("GET", "/api/v1/health", Role.PUBLIC),
      new Endpoint("GET", "/api/v1/openapi.json", Role.VIEWER),
      new Endpoint("GET", "/metrics", Role.VIEWER),
      new Endpoint("GET", "/api/v1/segments", Role.VIEWER),
      new Endpoint("GET", "/api/v1/cluster/members", Role.VIEWER),
      new Endpoint("GET", "/api/v1/hosts", Role.VIEWER),
      new Endpoint("GET", "/api/v1/hosts/{ip}", Role.VIEWER),
      new Endpoint("GET", "/api/v1/anomalies", Role.VIEWER),
      new Endpoint("GET", "/api/v1/anomalies/stream", Role.VIEWER),
      new Endpoint("GET", "/api/v1/anomalies/{id}", Role.VIEWER),
      new Endpoint("GET", "/api/v1/anomalies/{id}/pcap", Role.ANALYST),
      new Endpoint("POST", "/api/v1/anomalies/{id}/feedback", Role.ANALYST),
      new Endpoint("GET", "/api/v1/anomalies/{id}/feedback", Role.VIEWER),
      new Endpoint("GET", "/api/v1/anomalies/{id}/actions", Role.VIEWER),
      new Endpoint("GET", "/api/v1/alerts", Role.VIEWER),
      new Endpoint("POST", "/api/v1/alerts/{id}/acknowledge", Role.ANALYST),
      new Endpoint("POST", "/api/v1/alerts/{id}/resolve", Role.ANALYST),
      new Endpoint("GET", "/api/v1/silences", Role.VIEWER),
      new Endpoint("POST", "/api/v1/silences", Role.ANALYST),
      new Endpoint("DELETE", "/api/v1/silences/{id}", Role.ANALYST),
      new Endpoint("POST", "/api/v1/routes/test", Role.VIEWER),
      new Endpoint("POST", "/api/v1/admin/threat-intel/reload", Role.ADMIN),
      new Endpoint("GET", "/", Role.PUBLIC),
      new Endpoint("GET", "/ui/{file}", Role.PUBLIC));

  private RouteCatalog() {}

  /** The operation a request is, if any; a literal path segment wins over a template's variable. */
  public static Optional<Endpoint> match(String method, String path) {
    Endpoint best = null;
    for (Endpoint e : ENDPOINTS) {
      if (e.matches(method, path) && (best == null || literalSegments(e) > literalSegments(best))) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether any operation has this path with another method (405 rather than 404). */
  public static boolean pathExists(String path) {
    return ENDPOINTS.stream().anyMatch(e -> e.matches(e.method(), path));
  }

  private static long literalSegments(Endpoint e) {
    return java.util.Arrays.stream(e.template().split("/")).filter(s -> !s.startsWith("{")).count();
  }
}

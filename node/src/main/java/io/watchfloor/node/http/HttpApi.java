package io.watchfloor.node.http;

import io.watchfloor.node.http.auth.AuditLog;
import io.watchfloor.node.http.auth.AuthSettings;
import io.watchfloor.node.http.auth.Endpoint;
import io.watchfloor.node.http.auth.Role;
import io.watchfloor.node.http.auth.RouteCatalog;
import io.watchfloor.node.http.auth.Tokens;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;

/**
 * The whole HTTP surface of a node: the route classes, behind one authorisation check and one
 * error format. A request is first matched against {@link RouteCatalog} (no entry: 404, or 405
 * for a known path), then needs a bearer token of the entry's role (none: 401 with {@code
 * WWW-Authenticate}; too weak: 403). The token comes from {@code Authorization: Bearer …} or, for
 * browsers' EventSource which cannot set headers, an {@code access_token} query parameter (RFC
 * 6750 §2.3). Changes and packet downloads are written to the audit log.
 */
public final class HttpApi extends AllDirectives {
  private final AuthSettings auth;
  private final AuditLog audit;
  private final ApiErrors errors;
  private final List<Route> parts;

  public HttpApi(AuthSettings auth, Logger log, List<Route> parts) {
    this.auth = auth;
    this.audit = new AuditLog(auth.auditLog());
    this.errors = new ApiErrors(log);
    this.parts = List.copyOf(parts);
  }

  public Route route() {
    return handleExceptions(errors.exceptions(), () -> handleRejections(ApiErrors.rejections(), () ->
        extractRequest(this::authorize)));
  }

  private Route authorize(HttpRequest request) {
    String method = request.method().value();
    String path = request.getUri().path();
    Optional<Endpoint> endpoint = RouteCatalog.match(method, path);
    if (endpoint.isEmpty()) {
      return RouteCatalog.pathExists(path)
          ? complete(ApiErrors.error(405, "method " + method + " is not allowed on " + path))
          : complete(ApiErrors.error(404, "no such endpoint: " + method + " " + path + " (see /api/v1/openapi.json)"));
    }
    Role needed = endpoint.get().role();
    if (needed == Role.PUBLIC) {
      return asUser(null, this::all);
    }
    Optional<Tokens.Token> token = auth.enabled()
        ? auth.tokens().authenticate(presented(request))
        : Optional.of(new Tokens.Token("anonymous", Role.ADMIN, ""));
    if (token.isEmpty()) {
      return complete(ApiErrors.error(401, "a bearer token is required (Authorization: Bearer <token>)")
          .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"watchfloor\"")));
    }
    Tokens.Token t = token.get();
    if (!t.role().includes(needed)) {
      return complete(ApiErrors.error(403, "token '" + t.name() + "' has role " + t.role().id() + "; "
          + method + " " + endpoint.get().template() + " needs " + needed.id()));
    }
    boolean audited = !method.equals("GET") || needed == Role.ANALYST || needed == Role.ADMIN;
    if (!audited) {
      return asUser(t.name(), this::all);
    }
    return asUser(t.name(), () -> mapResponse(r -> record(t, method, path, r), this::all));
  }

  /** Routes see who called in {@link FeedbackRoutes#USER_HEADER}; a client's own such header is dropped. */
  private Route asUser(String name, java.util.function.Supplier<Route> inner) {
    return mapRequest(r -> {
      HttpRequest clean = r.removeHeader(FeedbackRoutes.USER_HEADER);
      return name == null ? clean : clean.addHeader(RawHeader.create(FeedbackRoutes.USER_HEADER, name));
    }, inner);
  }

  private HttpResponse record(Tokens.Token t, String method, String path, HttpResponse r) {
    audit.record(t.name(), t.role(), method, path, r.status().intValue());
    return r;
  }

  /** The routes, with errors turned into responses here so the audit sees their status. */
  private Route all() {
    return handleExceptions(errors.exceptions(), () -> handleRejections(ApiErrors.rejections(), () ->
        concat(parts.get(0), parts.subList(1, parts.size()).toArray(Route[]::new))));
  }

  private static String presented(HttpRequest request) {
    Optional<String> header = request.getHeader("Authorization").map(h -> h.value().strip());
    if (header.isPresent() && header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.get().substring(7);
    }
    return request.getUri().query().get("access_token").orElse(null);
  }
}

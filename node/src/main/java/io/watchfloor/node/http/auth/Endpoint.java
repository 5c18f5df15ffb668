package io.watchfloor.node.http.auth;

import java.util.regex.Pattern;

/**
 * One operation of the HTTP API: method, path template ({@code /api/v1/hosts/{ip}}) and the role
 * it needs.
 */
public record Endpoint(String method, String template, Role role) {

  /** Whether a request's method and path are this operation. */
  public boolean matches(String requestMethod, String path) {
    return method.equals(requestMethod) && pattern().matcher(path).matches();
  }

  private Pattern pattern() {
    return Pattern.compile(Pattern.quote(template).replaceAll("\\{[a-z_]+\\}", "\\\\E[^/]+\\\\Q"));
  }
}

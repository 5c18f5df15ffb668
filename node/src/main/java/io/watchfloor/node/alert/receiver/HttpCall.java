package io.watchfloor.node.alert.receiver;

import java.net.URI;
import java.util.Map;

/** One HTTP request an integration wants made: POST of a JSON body, with headers (which may hold secrets). */
public record HttpCall(URI uri, Map<String, String> headers, String body) {
  public HttpCall {
    headers = Map.copyOf(headers);
  }

  /**
   * Safe to log: scheme, host and port only. Never the path (a Slack webhook's path is its
   * secret), the query, headers or body.
   */
  public String describe() {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }
}

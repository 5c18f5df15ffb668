package io.watchfloor.node.alert.receiver;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Opens a ticket through a ticketing system's webhook: one JSON object with a title, a
 * description, the severity, the labels, links and the containment recommendation. A bearer token
 * comes from an environment variable when the webhook needs one.
 */
public record TicketIntegration(URI url, String tokenEnv) implements HttpIntegration {
  @Override
  public String kind() {
    return "ticket";
  }

  @Override
  public HttpCall call(Notification n, Function<String, String> env) {
    Notification.AlertItem a = n.lead();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", Json.title(n));
    body.put("description", a.summary());
    body.put("severity", a.severity());
    body.put("dedup_key", n.groupKey());
    body.put("labels", a.labels());
    body.put("anomaly_url", a.anomalyUrl());
    if (!a.pcapUrl().isEmpty()) {
      body.put("pcap_url", a.pcapUrl());
    }
    body.put("recommendation", a.evidence().getOrDefault("recommendation", ""));
    body.put("evidence", a.evidence());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (!tokenEnv.isEmpty()) {
      headers.put("Authorization", "Bearer " + Integration.secret(env, tokenEnv));
    }
    return new HttpCall(url, headers, Json.write(body));
  }
}

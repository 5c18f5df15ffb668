package io.watchfloor.node.alert.receiver;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): trigger, acknowledge and resolve events with
 * {@code dedup_key} = the group key, so one group is one incident.
 *
 * @param url the events endpoint, {@code https://events.pagerduty.com/v2/enqueue} by default
 * @param routingKeyEnv environment variable holding the integration's routing key
 */
public record PagerDutyIntegration(URI url, String routingKeyEnv) implements HttpIntegration {
  /** PagerDuty's limit on dedup_key. */
  static final int MAX_DEDUP_KEY = 255;
  /** PagerDuty's limit on payload.summary. */
  static final int MAX_SUMMARY = 1024;

  @Override
  public String kind() {
    return "pagerduty";
  }

  @Override
  public HttpCall call(Notification n, Function<String, String> env) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routing_key", Integration.secret(env, routingKeyEnv));
    body.put("event_action", action(n.status()));
    body.put("dedup_key", Json.fit(n.groupKey(), MAX_DEDUP_KEY));
    if (n.status() == Notification.Status.FIRING) {
      Notification.AlertItem a = n.lead();
      Map<String, Object> payload = new LinkedHashMap<>();
      String summary = Json.title(n) + ": " + a.summary();
      payload.put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary);
      payload.put("source", a.labels().getOrDefault("host", "watchfloor"));
      payload.put("severity", severity(a.severity()));
      payload.put("timestamp", Json.iso(a.startsAtMillis()));
      payload.put("component", a.labels().getOrDefault("segment", ""));
      payload.put("group", a.labels().getOrDefault("site", ""));
      payload.put("class", a.labels().getOrDefault("rule.name", ""));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("group_key", n.groupKey());
      details.put("anomaly_id", a.anomalyId());
      details.put("score", a.score());
      details.put("labels", a.labels());
      details.put("evidence", a.evidence());
      details.put("alerts", n.alerts().size());
      payload.put("custom_details", details);
      body.put("payload", payload);
      List<Map<String, String>> links = new ArrayList<>();
      links.add(Map.of("href", a.anomalyUrl(), "text", "Anomaly " + a.anomalyId()));
      links.add(Map.of("href", a.pcapUrl(), "text", "pcap evidence"));
      body.put("links", links);
      body.put("client", "Watchfloor");
      body.put("client_url", n.externalUrl());
    }
    return new HttpCall(url, Map.of("Content-Type", "application/json"), Json.write(body));
  }

  static String action(Notification.Status s) {
    return switch (s) {
      case FIRING -> "trigger";
      case ACKNOWLEDGED -> "acknowledge";
      case RESOLVED -> "resolve";
    };
  }

  /** PagerDuty knows critical, error, warning and info. */
  static String severity(String ours) {
    return switch (ours) {
      case "critical" -> "critical";
      case "high" -> "error";
      case "medium" -> "warning";
      default -> "info";
    };
  }
}

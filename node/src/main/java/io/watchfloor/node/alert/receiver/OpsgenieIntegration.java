package io.watchfloor.node.alert.receiver;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Opsgenie Alert API: {@code POST /v2/alerts} creates (alias = the group key, so Opsgenie
 * deduplicates), {@code POST /v2/alerts/{alias}/acknowledge} and {@code .../close} with
 * {@code identifierType=alias} follow the group's lifecycle. Authorised with {@code GenieKey}.
 *
 * @param apiUrl {@code https://api.opsgenie.com} (or the EU host)
 * @param apiKeyEnv environment variable holding the API key
 * @param responders {@code {type: team|user|escalation|schedule, name: ...}}
 * @param tags tags added to every alert (the rule name and severity are always added)
 */
public record OpsgenieIntegration(URI apiUrl, String apiKeyEnv, List<Map<String, String>> responders, List<String> tags)
    implements HttpIntegration {
  /** Opsgenie's limits on alias and message. */
  static final int MAX_ALIAS = 512;
  static final int MAX_MESSAGE = 130;

  public OpsgenieIntegration {
    responders = responders.stream().map(Map::copyOf).toList();
    tags = List.copyOf(tags);
  }

  @Override
  public String kind() {
    return "opsgenie";
  }

  @Override
  public HttpCall call(Notification n, Function<String, String> env) {
    Map<String, String> headers =
        Map.of("Content-Type", "application/json", "Authorization", "GenieKey " + Integration.secret(env, apiKeyEnv));
    String alias = Json.fit(n.groupKey(), MAX_ALIAS);
    String base = apiUrl.toString().replaceAll("/+$", "");
    if (n.status() != Notification.Status.FIRING) {
      String verb = n.status() == Notification.Status.RESOLVED ? "close" : "acknowledge";
      URI uri = URI.create(base + "/v2/alerts/" + URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20")
          + "/" + verb + "?identifierType=alias");
      return new HttpCall(uri, headers, Json.write(Map.of("source", "Watchfloor", "note", "Watchfloor: " + n.status().label())));
    }
    Notification.AlertItem a = n.lead();
    Map<String, Object> body = new LinkedHashMap<>();
    String message = Json.title(n);
    body.put("message", message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
    body.put("alias", alias);
    body.put("description", a.summary() + "\nAnomaly: " + a.anomalyUrl() + "\npcap: " + a.pcapUrl());
    body.put("responders", responders);
    List<String> allTags = new ArrayList<>(tags);
    allTags.add(a.labels().getOrDefault("rule.name", "anomaly"));
    allTags.add("severity:" + a.severity());
    body.put("tags", allTags);
    Map<String, String> details = new LinkedHashMap<>(a.labels());
    details.put("anomaly_id", a.anomalyId());
    details.put("anomaly_url", a.anomalyUrl());
    details.put("pcap_url", a.pcapUrl());
    details.put("score", String.valueOf(a.score()));
    body.put("details", details);
    body.put("entity", a.labels().getOrDefault("host", ""));
    body.put("source", "Watchfloor");
    body.put("priority", priority(a.severity()));
    return new HttpCall(URI.create(base + "/v2/alerts"), headers, Json.write(body));
  }

  /** critical P1, high P2, medium P3, low P4 (P5 is left to humans). */
  static String priority(String severity) {
    return switch (severity) {
      case "critical" -> "P1";
      case "high" -> "P2";
      case "medium" -> "P3";
      default -> "P4";
    };
  }
}

package io.watchfloor.node.alert.receiver;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A generic webhook receiving Alertmanager's version 4 JSON ({@code version}, {@code groupKey},
 * {@code status}, {@code receiver}, {@code groupLabels}, {@code commonLabels}, {@code alerts[]} with
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code generatorURL},
 * {@code fingerprint}), so tools written for Alertmanager read it unchanged.
 */
public record WebhookIntegration(URI url) implements HttpIntegration {
  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public HttpCall call(Notification n, Function<String, String> env) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "4");
    body.put("groupKey", n.groupKey());
    body.put("truncatedAlerts", 0);
    // Alertmanager knows firing and resolved; an acknowledged group is still firing.
    String status = n.status() == Notification.Status.RESOLVED ? "resolved" : "firing";
    body.put("status", status);
    body.put("receiver", n.receiver());
    body.put("groupLabels", n.groupLabels());
    body.put("commonLabels", common(n));
    body.put("commonAnnotations", Map.of());
    body.put("externalURL", n.externalUrl());
    List<Object> alerts = new ArrayList<>();
    for (Notification.AlertItem a : n.alerts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", status);
      m.put("labels", a.labels());
      m.put("annotations", Map.of("summary", a.summary(), "pcap", a.pcapUrl(), "watchfloor_status", n.status().label()));
      m.put("startsAt", Json.iso(a.startsAtMillis()));
      m.put("endsAt", a.endsAtMillis() > 0 ? Json.iso(a.endsAtMillis()) : "0001-01-01T00:00:00Z");
      m.put("generatorURL", a.anomalyUrl());
      m.put("fingerprint", a.anomalyId());
      alerts.add(m);
    }
    body.put("alerts", alerts);
    return new HttpCall(url, Map.of("Content-Type", "application/json"), Json.write(body));
  }

  private static Map<String, String> common(Notification n) {
    Map<String, String> common = new LinkedHashMap<>(n.lead().labels());
    for (Notification.AlertItem a : n.alerts()) {
      common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().get(e.getKey())));
    }
    return common;
  }
}

package io.watchfloor.node.alert.receiver;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Slack incoming webhook: {@code text} (the notification fallback) and Block Kit {@code blocks}
 * (header, the explanation, the labels, links to the anomaly and its pcap). The webhook URL is a
 * secret: it comes from an environment variable.
 *
 * @param urlEnv environment variable holding the webhook URL
 * @param channel channel override, or "" for the webhook's own
 */
public record SlackIntegration(String urlEnv, String channel) implements HttpIntegration {
  @Override
  public String kind() {
    return "slack";
  }

  @Override
  public HttpCall call(Notification n, Function<String, String> env) {
    URI url = URI.create(Integration.secret(env, urlEnv));
    Notification.AlertItem a = n.lead();
    String status = n.status() == Notification.Status.FIRING ? "FIRING" : n.status().label().toUpperCase(java.util.Locale.ROOT);
    String text = "[" + status + "] " + Json.title(n);
    Map<String, Object> body = new LinkedHashMap<>();
    if (!channel.isBlank()) {
      body.put("channel", channel);
    }
    body.put("text", text);
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", text)));
    blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", a.summary())));
    List<Object> fields = new ArrayList<>();
    for (String label : List.of("site", "segment", "host", "destination.ip", "severity")) {
      if (a.labels().containsKey(label)) {
        fields.add(Map.of("type", "mrkdwn", "text", "*" + label + "*\n" + a.labels().get(label)));
      }
    }
    blocks.add(Map.of("type", "section", "fields", fields));
    blocks.add(Map.of("type", "context", "elements", List.of(Map.of(
        "type", "mrkdwn", "text", "<" + a.anomalyUrl() + "|anomaly " + a.anomalyId() + "> · <" + a.pcapUrl() + "|pcap evidence>"))));
    body.put("blocks", blocks);
    return new HttpCall(url, Map.of("Content-Type", "application/json"), Json.write(body));
  }
}

package io.watchfloor.node.alert;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;

/**
 * {@code watchfloor.alerts}: where alerts go for now.
 *
 * @param jsonLinesFile append one ECS JSON line per alert to this file, or null
 * @param webhookUrl POST each alert as JSON to this URL, or null
 */
public record AlertSettings(
    String jsonLinesFile, URI webhookUrl, Duration webhookTimeout, int webhookAttempts) {

  public static AlertSettings create(Config root) {
    Config c = root.getConfig("watchfloor.alerts");
    String file = c.getString("jsonl-file");
    String url = c.getString("webhook.url");
    URI uri = null;
    if (!url.isBlank()) {
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("watchfloor.alerts.webhook.url is not a URL: '" + url + "'");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            "watchfloor.alerts.webhook.url must be http:// or https://, was '" + url + "'");
      }
    }
    int attempts = c.getInt("webhook.attempts");
    if (attempts < 1) {
      throw new IllegalArgumentException("watchfloor.alerts.webhook.attempts must be at least 1");
    }
    return new AlertSettings(file.isBlank() ? null : file, uri, c.getDuration("webhook.timeout"), attempts);
  }

  public AlertSettings withJsonLinesFile(String file) {
    return new AlertSettings(file, webhookUrl, webhookTimeout, webhookAttempts);
  }
}

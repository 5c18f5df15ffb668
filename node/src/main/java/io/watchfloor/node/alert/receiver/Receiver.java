package io.watchfloor.node.alert.receiver;

import io.watchfloor.node.alert.route.ConfigNode;
import io.watchfloor.node.alert.route.RoutingConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named receiver of {@code watchfloor.alerting.receivers}, with its integrations in
 * Alertmanager's shape ({@code pagerduty_configs}, {@code opsgenie_configs}, {@code slack_configs},
 * {@code webhook_configs}, {@code email_configs}). A receiver without integrations is valid: it drops what is routed to it.
 */
public record Receiver(String name, List<Integration> integrations) {
  public Receiver {
    integrations = List.copyOf(integrations);
  }

  /** Parses every receiver; names must be unique. */
  public static List<Receiver> parseAll(ConfigNode alerting) {
    List<Receiver> out = new ArrayList<>();
    for (ConfigNode n : alerting.objects("receivers")) {
      n.allowOnly(Set.of("name", "pagerduty_configs", "opsgenie_configs", "slack_configs", "webhook_configs", "email_configs"));
      String name = n.requiredString("name");
      if (out.stream().anyMatch(r -> r.name().equals(name))) {
        throw new RoutingConfigException(n.path("name"), "receiver '" + name + "' is defined twice");
      }
      if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new RoutingConfigException(n.path("name"), "must be 1-64 letters, digits, '.', '_' or '-'");
      }
      List<Integration> integrations = new ArrayList<>();
      for (ConfigNode c : n.objects("pagerduty_configs")) {
        c.allowOnly(Set.of("url", "routing_key_env"));
        integrations.add(new PagerDutyIntegration(
            url(c, "url", "https://events.pagerduty.com/v2/enqueue"), env(c, "routing_key_env")));
      }
      for (ConfigNode c : n.objects("opsgenie_configs")) {
        c.allowOnly(Set.of("api_url", "api_key_env", "responders", "tags"));
        List<Map<String, String>> responders = new ArrayList<>();
        for (ConfigNode r : c.objects("responders")) {
          r.allowOnly(Set.of("type", "name", "id", "username"));
          String type = r.requiredString("type");
          if (!Set.of("team", "user", "escalation", "schedule").contains(type)) {
            throw new RoutingConfigException(r.path("type"), "must be team, user, escalation or schedule");
          }
          responders.add(r.scalars());
        }
        integrations.add(new OpsgenieIntegration(
            url(c, "api_url", "https://api.opsgenie.com"), env(c, "api_key_env"), responders, c.strings("tags")));
      }
      for (ConfigNode c : n.objects("slack_configs")) {
        c.allowOnly(Set.of("api_url_env", "channel"));
        integrations.add(new SlackIntegration(env(c, "api_url_env"), c.string("channel", "")));
      }
      for (ConfigNode c : n.objects("webhook_configs")) {
        c.allowOnly(Set.of("url"));
        integrations.add(new WebhookIntegration(url(c, "url", null)));
      }
      for (ConfigNode c : n.objects("email_configs")) {
        c.allowOnly(Set.of("to", "from", "smarthost", "auth_username", "auth_password_env", "require_tls"));
        List<String> to = c.strings("to");
        if (to.isEmpty()) {
          throw new RoutingConfigException(c.path("to"), "needs at least one address");
        }
        String smarthost = c.requiredString("smarthost");
        if (!smarthost.matches(".+:\\d{1,5}")) {
          throw new RoutingConfigException(c.path("smarthost"), "must be host:port, was '" + smarthost + "'");
        }
        String passwordEnv = c.has("auth_password_env") ? env(c, "auth_password_env") : "";
        integrations.add(new EmailIntegration(to, c.requiredString("from"), smarthost,
            c.string("auth_username", ""), passwordEnv, c.bool("require_tls", true)));
      }
      out.add(new Receiver(name, integrations));
    }
    return out;
  }

  private static String env(ConfigNode c, String key) {
    String v = c.requiredString(key);
    if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new RoutingConfigException(c.path(key), "must name an environment variable (the secret itself never goes in the config)");
    }
    return v;
  }

  private static URI url(ConfigNode c, String key, String fallback) {
    String text = fallback == null ? c.requiredString(key) : c.string(key, fallback);
    try {
      URI uri = URI.create(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new RoutingConfigException(c.path(key), "must be an http:// or https:// URL, was '" + text + "'");
    }
  }
}

package io.watchfloor.node.alert.playbook;

import io.watchfloor.node.alert.route.ConfigNode;
import io.watchfloor.node.alert.route.Matcher;
import io.watchfloor.node.alert.route.RoutingConfig;
import io.watchfloor.node.alert.route.RoutingConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named playbook of {@code watchfloor.alerting.playbooks}: when an alert group first fires and
 * its lead alert matches every matcher (typically {@code severity} and {@code rule.name}), the
 * actions run in order.
 */
public record Playbook(String name, List<Matcher> matchers, List<PlaybookAction> actions) {
  public Playbook {
    matchers = List.copyOf(matchers);
    actions = List.copyOf(actions);
  }

  public boolean appliesTo(Map<String, String> labels) {
    return matchers.stream().allMatch(m -> m.matches(labels));
  }

  /** The ticket action, if the playbook has one. */
  public PlaybookAction.Ticket ticket() {
    return actions.stream().filter(a -> a instanceof PlaybookAction.Ticket).map(a -> (PlaybookAction.Ticket) a)
        .findFirst().orElse(null);
  }

  /** Parses every playbook; names must be unique. */
  public static List<Playbook> parseAll(ConfigNode alerting) {
    List<Playbook> out = new ArrayList<>();
    for (ConfigNode n : alerting.objects("playbooks")) {
      n.allowOnly(Set.of("name", "matchers", "actions"));
      String name = n.requiredString("name");
      if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new RoutingConfigException(n.path("name"), "must be 1-64 letters, digits, '.', '_' or '-'");
      }
      if (out.stream().anyMatch(p -> p.name().equals(name))) {
        throw new RoutingConfigException(n.path("name"), "playbook '" + name + "' is defined twice");
      }
      List<PlaybookAction> actions = new ArrayList<>();
      for (ConfigNode a : n.objects("actions")) {
        actions.add(action(a));
      }
      if (actions.isEmpty()) {
        throw new RoutingConfigException(n.path("actions"), "needs at least one action");
      }
      if (actions.stream().filter(a -> a instanceof PlaybookAction.Ticket).count() > 1) {
        throw new RoutingConfigException(n.path("actions"), "at most one ticket action per playbook");
      }
      out.add(new Playbook(name, RoutingConfig.matchers(n, "matchers"), actions));
    }
    return out;
  }

  private static PlaybookAction action(ConfigNode a) {
    String type = a.requiredString("type");
    switch (type) {
      case "notify" -> {
        a.allowOnly(Set.of("type"));
        return new PlaybookAction.Notify();
      }
      case "attach_pcap" -> {
        a.allowOnly(Set.of("type"));
        return new PlaybookAction.AttachPcap();
      }
      case "recommend_containment" -> {
        a.allowOnly(Set.of("type", "text"));
        return new PlaybookAction.RecommendContainment(a.requiredString("text"));
      }
      case "ticket" -> {
        a.allowOnly(Set.of("type", "url", "token_env"));
        String url = a.requiredString("url");
        URI uri;
        try {
          uri = URI.create(url);
        } catch (IllegalArgumentException e) {
          uri = null;
        }
        if (uri == null || uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme())) {
          throw new RoutingConfigException(a.path("url"), "must be an http:// or https:// URL, was '" + url + "'");
        }
        String tokenEnv = a.string("token_env", "");
        if (!tokenEnv.isEmpty() && !tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new RoutingConfigException(a.path("token_env"), "must name an environment variable");
        }
        return new PlaybookAction.Ticket(uri, tokenEnv);
      }
      default -> throw new RoutingConfigException(
          a.path("type"), "unknown action '" + type + "' (notify, ticket, attach_pcap, recommend_containment)");
    }
  }
}

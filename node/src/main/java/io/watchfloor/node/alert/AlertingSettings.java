package io.watchfloor.node.alert;

import com.typesafe.config.Config;
import io.watchfloor.node.alert.delivery.DeliverySettings;
import io.watchfloor.node.alert.playbook.Playbook;
import io.watchfloor.node.alert.receiver.Receiver;
import io.watchfloor.node.alert.route.ConfigNode;
import io.watchfloor.node.alert.route.RoutingConfig;
import java.time.Duration;
import java.util.List;

/**
 * {@code watchfloor.alerting}: routing tree, receivers, grouping lifecycle and delivery. Parsed and
 * checked even when routing is off, so {@code analyze --config} can show where alerts would go and a
 * bad tree is found before the node depends on it.
 *
 * @param enabled route and deliver alerts (off: only the JSON-lines file and the plain webhook)
 * @param externalUrl base URL of this node's HTTP API, for links in notifications
 * @param resolveAfter a group nobody raised anything in for this long resolves itself
 * @param flapWindow a group firing again this soon after resolving counts as a flap
 * @param tick how often group timers are checked
 * @param stateLoadTimeout how long a starting router waits for its stored alert groups before it
 *     starts without them
 */
public record AlertingSettings(
    boolean enabled,
    String externalUrl,
    Duration resolveAfter,
    Duration flapWindow,
    Duration tick,
    Duration stateLoadTimeout,
    RoutingConfig routing,
    List<Receiver> receivers,
    List<Playbook> playbooks,
    DeliverySettings delivery) {

  public AlertingSettings {
    receivers = List.copyOf(receivers);
    playbooks = List.copyOf(playbooks);
  }

  public static AlertingSettings create(Config root) {
    Config c = root.getConfig("watchfloor.alerting");
    ConfigNode node = new ConfigNode("watchfloor.alerting", c);
    List<Receiver> receivers = Receiver.parseAll(node);
    List<Playbook> playbooks = Playbook.parseAll(node);
    RoutingConfig routing = RoutingConfig.create(root, receivers.stream().map(Receiver::name).toList());
    Duration tick = c.getDuration("tick");
    if (tick.isZero() || tick.isNegative()) {
      throw new IllegalArgumentException("watchfloor.alerting.tick must be positive");
    }
    Duration stateLoadTimeout = c.getDuration("state-load-timeout");
    if (stateLoadTimeout.isZero() || stateLoadTimeout.isNegative()) {
      throw new IllegalArgumentException("watchfloor.alerting.state-load-timeout must be positive");
    }
    String url = c.getString("external-url").replaceAll("/+$", "");
    return new AlertingSettings(
        c.getBoolean("enabled"), url, c.getDuration("resolve-after"), c.getDuration("flap-window"), tick, stateLoadTimeout,
        routing, receivers, playbooks, DeliverySettings.create(root));
  }
}

package io.watchfloor.node.alert.route;

import io.watchfloor.protocol.alert.Anomaly;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label set routes, inhibition rules and silences match on, made from an anomaly: {@code site},
 * {@code segment}, {@code host}, {@code rule.name}, {@code rule.category}, {@code severity},
 * {@code source.ip}, {@code destination.ip}, {@code destination.port}, {@code network.transport},
 * plus {@code tag.<key>} for every configured tag of the host's network.
 */
public final class AlertLabels {
  /** Labels holding an address: matchers on them accept CIDR networks. */
  public static final List<String> ADDRESS_LABELS = List.of("host", "source.ip", "destination.ip");

  private AlertLabels() {}

  /** Sorted, so the same anomaly always gives the same group key. */
  public static Map<String, String> of(Anomaly a, List<HostTag> hostTags) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("site", a.site());
    put(labels, "segment", a.segment());
    labels.put("host", a.host());
    labels.put("rule.name", a.detector());
    put(labels, "rule.category", a.category());
    labels.put("severity", a.severity().label());
    put(labels, "source.ip", a.sourceIp());
    put(labels, "destination.ip", a.destinationIp());
    put(labels, "destination.port", a.destinationPort() == null ? null : a.destinationPort().toString());
    put(labels, "network.transport", a.transport());
    for (HostTag t : hostTags) {
      if (t.network().containsLiteral(a.host())) {
        t.tags().forEach((k, v) -> labels.putIfAbsent("tag." + k, v));
      }
    }
    return labels;
  }

  private static void put(Map<String, String> labels, String name, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(name, value);
    }
  }
}

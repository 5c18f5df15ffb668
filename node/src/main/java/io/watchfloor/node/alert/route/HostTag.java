package io.watchfloor.node.alert.route;

import io.watchfloor.protocol.ip.IpPrefix;
import java.util.Map;

/**
 * Tags for the hosts of one network, from config ({@code watchfloor.alerting.host_tags}): an anomaly
 * whose host lies in {@code network} gets label {@code tag.<key>=<value>} for every tag.
 */
public record HostTag(IpPrefix network, Map<String, String> tags) {
  public HostTag {
    tags = Map.copyOf(tags);
  }
}

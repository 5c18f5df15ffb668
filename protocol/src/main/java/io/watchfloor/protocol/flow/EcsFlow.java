package io.watchfloor.protocol.flow;

import io.watchfloor.protocol.json.FlatJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The public flow line: ECS field names, flat with dotted keys, as {@code watchfloor flows} prints it. */
public final class EcsFlow {
  private EcsFlow() {}

  public static Map<String, Object> fields(FlowRecord f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@timestamp", instant(f.startNanos()));
    m.put("event.kind", "event");
    m.put("event.category", List.of("network"));
    m.put("event.type", List.of("connection"));
    m.put("event.start", instant(f.startNanos()));
    m.put("event.end", instant(f.endNanos()));
    m.put("event.duration", Math.max(0, f.endNanos() - f.startNanos()));
    m.put("source.ip", f.sourceIp());
    if (f.sourcePort() > 0 || isPorted(f.transport())) {
      m.put("source.port", f.sourcePort());
    }
    m.put("source.packets", f.sourcePackets());
    m.put("source.bytes", f.sourceBytes());
    m.put("destination.ip", f.destinationIp());
    if (f.destinationPort() > 0 || isPorted(f.transport())) {
      m.put("destination.port", f.destinationPort());
    }
    m.put("destination.packets", f.destinationPackets());
    m.put("destination.bytes", f.destinationBytes());
    m.put("network.transport", f.transport());
    if (f.protocol() != null) {
      m.put("network.protocol", f.protocol());
    }
    m.put("network.packets", f.packets());
    m.put("network.bytes", f.bytes());
    if (f.communityId() != null) {
      m.put("network.community_id", f.communityId());
    }
    if (f.vlan() >= 0) {
      m.put("network.vlan.id", String.valueOf(f.vlan()));
    }
    if (f.state() != null) {
      m.put("watchfloor.flow.state", f.state());
    }
    m.put("watchfloor.flow.end_reason", f.endReason());
    m.put("watchfloor.flow.origin", f.origin());
    new TreeMap<>(f.metadata()).forEach(m::put);
    return m;
  }

  public static String toJsonLine(FlowRecord f) {
    return FlatJson.write(fields(f));
  }

  private static boolean isPorted(String transport) {
    return "tcp".equals(transport) || "udp".equals(transport) || "sctp".equals(transport);
  }

  private static String instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
  }
}

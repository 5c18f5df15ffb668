package io.watchfloor.models.flow;

import com.typesafe.config.Config;

/**
 * How the flow table cuts packets into flows ({@code watchfloor.models.flows} in reference.conf).
 * Idle timeouts default to argus 3.0's (ArgusModeler.h: TCP 60 s, other IP 30 s, ICMP 5 s, ARP 5 s).
 *
 * @param maxFlows flows held at once; when full the least recently seen flow of the probe
 *     neighbourhood is exported early ("evicted")
 * @param activeTimeoutNanos a flow older than this is exported ("active") and continues as a new record
 * @param payloadPackets payload-carrying packets per flow shown to the {@link PayloadInspector}
 * @param payloadBytes payload bytes per flow shown to the inspector, over all its packets
 * @param dedupWindowNanos a packet identical to one seen this recently is a capture duplicate
 */
public record FlowSettings(
    int maxFlows,
    long tcpIdleNanos,
    long udpIdleNanos,
    long icmpIdleNanos,
    long arpIdleNanos,
    long otherIdleNanos,
    long activeTimeoutNanos,
    int payloadPackets,
    int payloadBytes,
    boolean dedupEnabled,
    long dedupWindowNanos) {

  /** Keys and counters of a flow live in arrays indexed by int; 2^28 slots is far past any real need. */
  public static final int MAX_FLOWS_LIMIT = 1 << 27;

  public FlowSettings {
    if (maxFlows < 16 || maxFlows > MAX_FLOWS_LIMIT) {
      throw new IllegalArgumentException("watchfloor.models.flows.max-flows must be between 16 and "
          + MAX_FLOWS_LIMIT + ", was " + maxFlows);
    }
    for (long idle : new long[] {tcpIdleNanos, udpIdleNanos, icmpIdleNanos, arpIdleNanos, otherIdleNanos}) {
      if (idle <= 0) {
        throw new IllegalArgumentException(
            "watchfloor.models.flows.idle-timeout values must be positive, was " + idle + "ns");
      }
    }
    if (activeTimeoutNanos <= 0) {
      throw new IllegalArgumentException(
          "watchfloor.models.flows.active-timeout must be positive, was " + activeTimeoutNanos + "ns");
    }
    if (payloadPackets < 0 || payloadBytes < 0) {
      throw new IllegalArgumentException(
          "watchfloor.models.flows.payload-packets and payload-bytes must not be negative");
    }
    if (dedupWindowNanos < 0) {
      throw new IllegalArgumentException(
          "watchfloor.models.flows.dedup.window must not be negative, was " + dedupWindowNanos + "ns");
    }
  }

  /** @param models the {@code watchfloor.models} section */
  public static FlowSettings create(Config models) {
    Config c = models.getConfig("flows");
    Config idle = c.getConfig("idle-timeout");
    return new FlowSettings(
        c.getInt("max-flows"),
        idle.getDuration("tcp").toNanos(),
        idle.getDuration("udp").toNanos(),
        idle.getDuration("icmp").toNanos(),
        idle.getDuration("arp").toNanos(),
        idle.getDuration("other").toNanos(),
        c.getDuration("active-timeout").toNanos(),
        c.getInt("payload-packets"),
        (int) Math.min(Integer.MAX_VALUE, c.getBytes("payload-bytes")),
        c.getBoolean("dedup.enabled"),
        c.getDuration("dedup.window").toNanos());
  }
}

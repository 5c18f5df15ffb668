package io.watchfloor.protocol.netflow;

import static io.watchfloor.protocol.netflow.InformationElements.*;

import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.ip.IpAddresses;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of one template data record as they are read, turned into a {@link FlowRecord} at
 * the end. Reused record after record; one per datagram, never shared between threads.
 */
final class FlowFields {

  static final String END_REASON = "exported";
  /** ECS name of the exporter's address. */
  static final String OBSERVER_IP = "observer.ip";
  /** The OR of the TCP flags seen, as two hex digits: exporters send it, ECS has no field. */
  static final String TCP_FLAGS = "watchfloor.flow.tcp_flags";

  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** Seconds from the NTP era 0 epoch (1900) to the Unix epoch (RFC 7011 §6.1.9). */
  private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
  private static final long UNSET = Long.MIN_VALUE;
  /** 802.1Q: VLAN id 0 only carries a priority, the frame belongs to no VLAN. */
  private static final int NO_VLAN = -1;

  int protocol;
  boolean hasSource;
  boolean hasDestination;
  long sourceHi;
  long sourceLo;
  long destinationHi;
  long destinationLo;
  int sourcePort;
  int destinationPort;
  long octets;
  long packets;
  long octetsTotal;
  long packetsTotal;
  long startUptimeMillis;
  long endUptimeMillis;
  long startNanos;
  long endNanos;
  int vlan;
  int tcpFlags;
  long systemInitMillis;

  void reset() {
    protocol = -1;
    hasSource = false;
    hasDestination = false;
    sourceHi = sourceLo = destinationHi = destinationLo = 0;
    sourcePort = destinationPort = 0;
    octets = packets = octetsTotal = packetsTotal = UNSET;
    startUptimeMillis = endUptimeMillis = UNSET;
    startNanos = endNanos = UNSET;
    vlan = NO_VLAN;
    tcpFlags = -1;
    systemInitMillis = UNSET;
  }

  boolean hasSystemInitMillis() {
    return systemInitMillis != UNSET;
  }

  /** Reads one field value at {@code offset}; elements this class does not use are ignored. */
  void read(ByteBuffer buffer, int offset, int element, int length) {
    switch (element) {
      case OCTET_DELTA_COUNT -> octets = unsigned(buffer, offset, length);
      case PACKET_DELTA_COUNT -> packets = unsigned(buffer, offset, length);
      case OCTET_TOTAL_COUNT -> octetsTotal = unsigned(buffer, offset, length);
      case PACKET_TOTAL_COUNT -> packetsTotal = unsigned(buffer, offset, length);
      case PROTOCOL_IDENTIFIER -> protocol = (int) unsigned(buffer, offset, length);
      case TCP_CONTROL_BITS -> tcpFlags = (int) unsigned(buffer, offset, length);
      case SOURCE_TRANSPORT_PORT -> sourcePort = (int) unsigned(buffer, offset, length);
      case DESTINATION_TRANSPORT_PORT -> destinationPort = (int) unsigned(buffer, offset, length);
      case VLAN_ID -> {
        int id = (int) unsigned(buffer, offset, length) & 0xfff;
        vlan = id == 0 ? NO_VLAN : id;
      }
      case SOURCE_IPV4_ADDRESS -> {
        if (length == 4) {
          sourceHi = 0;
          sourceLo = IpAddresses.ipv4Lo(buffer.getInt(offset));
          hasSource = true;
        }
      }
      case DESTINATION_IPV4_ADDRESS -> {
        if (length == 4) {
          destinationHi = 0;
          destinationLo = IpAddresses.ipv4Lo(buffer.getInt(offset));
          hasDestination = true;
        }
      }
      case SOURCE_IPV6_ADDRESS -> {
        if (length == 16) {
          sourceHi = buffer.getLong(offset);
          sourceLo = buffer.getLong(offset + 8);
          hasSource = true;
        }
      }
      case DESTINATION_IPV6_ADDRESS -> {
        if (length == 16) {
          destinationHi = buffer.getLong(offset);
          destinationLo = buffer.getLong(offset + 8);
          hasDestination = true;
        }
      }
      case FLOW_START_SYS_UP_TIME -> startUptimeMillis = unsigned(buffer, offset, length);
      case FLOW_END_SYS_UP_TIME -> endUptimeMillis = unsigned(buffer, offset, length);
      case FLOW_START_SECONDS -> startNanos = unsigned(buffer, offset, length) * NANOS_PER_SECOND;
      case FLOW_END_SECONDS -> endNanos = unsigned(buffer, offset, length) * NANOS_PER_SECOND;
      case FLOW_START_MILLISECONDS -> startNanos = unsigned(buffer, offset, length) * NANOS_PER_MILLI;
      case FLOW_END_MILLISECONDS -> endNanos = unsigned(buffer, offset, length) * NANOS_PER_MILLI;
      case FLOW_START_MICROSECONDS, FLOW_START_NANOSECONDS -> {
        if (length == 8) {
          startNanos = ntpNanos(buffer.getLong(offset));
        }
      }
      case FLOW_END_MICROSECONDS, FLOW_END_NANOSECONDS -> {
        if (length == 8) {
          endNanos = ntpNanos(buffer.getLong(offset));
        }
      }
      case SYSTEM_INIT_TIME_MILLISECONDS -> systemInitMillis = unsigned(buffer, offset, length);
      default -> {
        // not used by the flow record; skipped by length
      }
    }
  }

  /**
   * The flow record, or null when the record names no source and destination address (a template
   * for MAC-layer or aggregated flows, which the flow record cannot carry).
   *
   * @param uptimeBase converts IEs 21/22 to epoch nanoseconds; null when they cannot be placed
   * @param exportNanos the header's export time, used when the record carries no time at all
   */
  FlowRecord toFlow(String origin, String exporter, UptimeBase uptimeBase, long exportNanos) {
    if (!hasSource || !hasDestination) {
      return null;
    }
    long start = startNanos;
    long end = endNanos;
    if (start == UNSET && startUptimeMillis != UNSET && uptimeBase != null) {
      start = uptimeBase.toEpochNanos(startUptimeMillis);
    }
    if (end == UNSET && endUptimeMillis != UNSET && uptimeBase != null) {
      end = uptimeBase.toEpochNanos(endUptimeMillis);
    }
    if (start == UNSET) {
      start = end == UNSET ? exportNanos : end;
    }
    if (end == UNSET) {
      end = start;
    }
    long octetCount = octets != UNSET ? octets : octetsTotal != UNSET ? octetsTotal : 0;
    long packetCount = packets != UNSET ? packets : packetsTotal != UNSET ? packetsTotal : 0;
    boolean ported = isPorted(protocol);
    return new FlowRecord(
        transport(protocol),
        IpAddresses.format(sourceHi, sourceLo),
        ported ? sourcePort : 0,
        IpAddresses.format(destinationHi, destinationLo),
        ported ? destinationPort : 0,
        vlan,
        packetCount,
        octetCount,
        0,
        0,
        start,
        end,
        null,
        null,
        null,
        END_REASON,
        origin,
        metadata(exporter, protocol == 6 ? tcpFlags : -1));
  }

  static Map<String, String> metadata(String exporter, int tcpFlags) {
    Map<String, String> metadata = new HashMap<>(4);
    if (exporter != null) {
      metadata.put(OBSERVER_IP, exporter);
    }
    if (tcpFlags >= 0) {
      metadata.put(TCP_FLAGS, String.format("%02x", tcpFlags & 0xff));
    }
    return metadata;
  }

  /** FlowRecord's transport names; other protocols as their number. */
  static String transport(int protocol) {
    return switch (protocol) {
      case 1 -> "icmp";
      case 6 -> "tcp";
      case 17 -> "udp";
      case 58 -> "ipv6-icmp";
      case 132 -> "sctp";
      default -> Integer.toString(Math.max(protocol, 0));
    };
  }

  /**
   * Exporters put the ICMP type and code into the destination port (NetFlow v5, v9); ports mean
   * something only for these transports, so others get 0.
   */
  static boolean isPorted(int protocol) {
    return protocol == 6 || protocol == 17 || protocol == 132 || protocol == 33 || protocol == 136;
  }

  /** Big-endian unsigned value of 1 to 8 bytes (RFC 7011 §6.2 reduced-size encoding). */
  static long unsigned(ByteBuffer buffer, int offset, int length) {
    if (length > 8) {
      // a counter wider than 64 bits does not exist; keep the low 8 bytes
      offset += length - 8;
      length = 8;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (buffer.get(offset + i) & 0xff);
    }
    return value;
  }

  static long ntpNanos(long ntp) {
    long seconds = (ntp >>> 32) - NTP_TO_UNIX_SECONDS;
    long fraction = ntp & 0xffff_ffffL;
    return seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> 32);
  }

  /** How an exporter's uptime milliseconds map to epoch time. */
  interface UptimeBase {
    long toEpochNanos(long uptimeMillis);

    /**
     * NetFlow v5/v9: the header gives uptime and wall clock at export. Uptime is a 32-bit counter
     * that wraps after 49.7 days, so the difference is taken modulo 2^32, as a signed value to
     * tolerate a record stamped slightly after the header.
     */
    static UptimeBase ofExport(long sysUptimeMillis, long exportNanos) {
      return uptime -> exportNanos - (int) (sysUptimeMillis - uptime) * NANOS_PER_MILLI;
    }

    /** IPFIX: uptime counts from systemInitTimeMilliseconds (RFC 7011 §4.2 / IE 160). */
    static UptimeBase ofSystemInit(long systemInitMillis) {
      return uptime -> (systemInitMillis + uptime) * NANOS_PER_MILLI;
    }
  }
}

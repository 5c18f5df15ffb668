package io.watchfloor.models.window;

import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.ip.IpAddress;

/**
 * The two hosts of a flow record and what the record says about a connection attempt. Exporters
 * report each direction as its own record, so the answer of a connection is a record too: it is not
 * counted as an attempt of its own.
 */
record FlowEndpoints(
    long srcHi, long srcLo, long dstHi, long dstLo, boolean tcp, boolean attempt, boolean answered) {

  private static final int SYN = 0x02;
  private static final int ACK = 0x10;
  private static final int FIRST_EPHEMERAL_PORT = 1024;

  /** Null when the record has no usable IP addresses (non-IP flows, unparsable text). */
  static FlowEndpoints of(FlowRecord f) {
    if (f.sourceIp() == null || f.destinationIp() == null) {
      return null;
    }
    IpAddress src;
    IpAddress dst;
    try {
      src = IpAddress.parse(f.sourceIp());
      dst = IpAddress.parse(f.destinationIp());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if ((src.hi() | src.lo()) == 0 || (dst.hi() | dst.lo()) == 0) {
      return null;
    }
    boolean tcp = "tcp".equals(f.transport());
    boolean udp = "udp".equals(f.transport());
    boolean bidirectional = f.destinationPackets() > 0;
    boolean attempt;
    boolean answered;
    if (tcp) {
      int flags = tcpFlags(f);
      if (flags >= 0 && (flags & SYN) != 0 && (flags & ACK) == 0) {
        // Only SYNs went out: nothing came back that the client could acknowledge.
        attempt = true;
        answered = false;
      } else {
        // Cumulative flags of either half of a finished handshake carry SYN and ACK: tell the
        // server's half by its ports.
        attempt = !looksLikeReply(f);
        answered = flags >= 0 || bidirectional
            || "established".equals(f.state()) || "closed".equals(f.state());
      }
    } else if (udp) {
      attempt = bidirectional || !looksLikeReply(f);
      answered = bidirectional;
    } else {
      attempt = false;
      answered = false;
    }
    return new FlowEndpoints(src.hi(), src.lo(), dst.hi(), dst.lo(), tcp, attempt, answered);
  }

  /** From a service port to an ephemeral one: the server's half of a conversation. */
  private static boolean looksLikeReply(FlowRecord f) {
    return f.sourcePort() > 0 && f.sourcePort() < FIRST_EPHEMERAL_PORT && f.destinationPort() >= FIRST_EPHEMERAL_PORT;
  }

  /** The cumulative TCP flags an exporter reported, or -1 when it did not. */
  private static int tcpFlags(FlowRecord f) {
    String hex = f.metadata().get("watchfloor.flow.tcp_flags");
    if (hex == null) {
      return -1;
    }
    try {
      return Integer.parseInt(hex, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

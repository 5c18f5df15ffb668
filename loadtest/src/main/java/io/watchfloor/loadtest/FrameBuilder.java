package io.watchfloor.loadtest;

/**
 * Builds Ethernet II / IPv4 / TCP or UDP frames into one reusable buffer, with correct lengths
 * and checksums (IPv4 header: RFC 791; TCP: RFC 9293 §3.1; UDP: RFC 768). Each call overwrites the
 * previous frame; read it through {@link #frame()} before building the next. Not thread-safe.
 *
 * <p>MAC addresses are derived from IPv4 addresses ({@code 02:00:a.b.c.d}, locally administered)
 * so that a host keeps one MAC; non-10/8 peers appear behind the gateway 10.0.0.1.
 */
public final class FrameBuilder {

  static final int ETHERNET_HEADER_LENGTH = 14;
  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int IPV4_HEADER_LENGTH = 20;
  static final int TCP_HEADER_LENGTH = 20;
  /** A SYN carries one MSS option (kind 2, length 4), RFC 9293 §3.2. */
  static final int TCP_MSS_OPTION_LENGTH = 4;
  static final int UDP_HEADER_LENGTH = 8;
  /** Ethernet MTU minus IPv4 and TCP headers. */
  public static final int TCP_MSS = 1460;
  /** Largest IP payload a single frame carries here: we never fragment. */
  public static final int MAX_IP_PAYLOAD = 1500 - IPV4_HEADER_LENGTH;
  static final int PROTOCOL_ICMP = 1;
  static final int ICMP_HEADER_LENGTH = 8;
  static final int PROTOCOL_TCP = 6;
  static final int PROTOCOL_UDP = 17;
  static final int TCP_FLAG_SYN = 0x02;
  static final int TCP_WINDOW = 64240;
  static final int GATEWAY = Ipv4.parse("10.0.0.1");
  private static final int DONT_FRAGMENT = 0x4000;

  private final byte[] frame = new byte[ETHERNET_HEADER_LENGTH + 1500];
  private int ipId;

  /** The buffer holding the last built frame; valid up to the length that call returned. */
  public byte[] frame() {
    return frame;
  }

  /**
   * Builds a TCP segment; SYN segments also carry an MSS option.
   *
   * @return the frame length in bytes
   */
  public int tcp(int srcIp, int dstIp, int srcPort, int dstPort, long seq, long ack, int flags,
      byte[] payload, int payloadOffset, int payloadLength) {
    int options = (flags & TCP_FLAG_SYN) != 0 ? TCP_MSS_OPTION_LENGTH : 0;
    int tcpLength = TCP_HEADER_LENGTH + options + payloadLength;
    checkIpPayload(tcpLength);
    int t = ipv4(srcIp, dstIp, PROTOCOL_TCP, tcpLength);
    putShort(t, srcPort);
    putShort(t + 2, dstPort);
    putInt(t + 4, (int) seq);
    putInt(t + 8, (int) ack);
    frame[t + 12] = (byte) (((TCP_HEADER_LENGTH + options) / 4) << 4);
    frame[t + 13] = (byte) flags;
    putShort(t + 14, TCP_WINDOW);
    putShort(t + 16, 0); // checksum, filled below
    putShort(t + 18, 0); // urgent pointer
    if (options > 0) {
      frame[t + 20] = 2;
      frame[t + 21] = 4;
      putShort(t + 22, TCP_MSS);
    }
    System.arraycopy(payload, payloadOffset, frame, t + TCP_HEADER_LENGTH + options, payloadLength);
    putShort(t + 16, transportChecksum(srcIp, dstIp, PROTOCOL_TCP, t, tcpLength));
    return t + tcpLength;
  }

  /**
   * Builds a UDP datagram.
   *
   * @return the frame length in bytes
   */
  public int udp(int srcIp, int dstIp, int srcPort, int dstPort,
      byte[] payload, int payloadOffset, int payloadLength) {
    int udpLength = UDP_HEADER_LENGTH + payloadLength;
    checkIpPayload(udpLength);
    int u = ipv4(srcIp, dstIp, PROTOCOL_UDP, udpLength);
    putShort(u, srcPort);
    putShort(u + 2, dstPort);
    putShort(u + 4, udpLength);
    putShort(u + 6, 0);
    System.arraycopy(payload, payloadOffset, frame, u + UDP_HEADER_LENGTH, payloadLength);
    int checksum = transportChecksum(srcIp, dstIp, PROTOCOL_UDP, u, udpLength);
    // RFC 768: a computed zero is sent as all ones, zero meaning "no checksum".
    putShort(u + 6, checksum == 0 ? 0xffff : checksum);
    return u + udpLength;
  }

  /**
   * Builds an ICMPv4 message (RFC 792): type, code, checksum, then the 4-byte rest of header
   * (identifier and sequence number for echo) and {@code payload}.
   *
   * @return the frame length in bytes
   */
  public int icmp(int srcIp, int dstIp, int type, int code, int restOfHeader,
      byte[] payload, int payloadOffset, int payloadLength) {
    int icmpLength = ICMP_HEADER_LENGTH + payloadLength;
    checkIpPayload(icmpLength);
    int c = ipv4(srcIp, dstIp, PROTOCOL_ICMP, icmpLength);
    frame[c] = (byte) type;
    frame[c + 1] = (byte) code;
    putShort(c + 2, 0);
    putInt(c + 4, restOfHeader);
    System.arraycopy(payload, payloadOffset, frame, c + ICMP_HEADER_LENGTH, payloadLength);
    putShort(c + 2, finish(sum(c, icmpLength, 0))); // no pseudo-header for ICMPv4
    return c + icmpLength;
  }

  /** Writes Ethernet and IPv4 headers; returns the offset of the transport header. */
  private int ipv4(int srcIp, int dstIp, int protocol, int ipPayloadLength) {
    putMac(0, nextHop(dstIp));
    putMac(6, nextHop(srcIp));
    putShort(12, ETHERTYPE_IPV4);
    int ip = ETHERNET_HEADER_LENGTH;
    frame[ip] = 0x45; // version 4, IHL 5 words
    frame[ip + 1] = 0;
    putShort(ip + 2, IPV4_HEADER_LENGTH + ipPayloadLength);
    putShort(ip + 4, ipId);
    ipId = (ipId + 1) & 0xffff;
    putShort(ip + 6, DONT_FRAGMENT);
    frame[ip + 8] = (byte) (Ipv4.isInternal(srcIp) ? 64 : 52); // remote hosts are hops away
    frame[ip + 9] = (byte) protocol;
    putShort(ip + 10, 0);
    putInt(ip + 12, srcIp);
    putInt(ip + 16, dstIp);
    putShort(ip + 10, finish(sum(ip, IPV4_HEADER_LENGTH, 0)));
    return ip + IPV4_HEADER_LENGTH;
  }

  private int transportChecksum(int srcIp, int dstIp, int protocol, int start, int length) {
    long pseudo = (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff)
        + protocol + length;
    return finish(sum(start, length, pseudo));
  }

  private long sum(int start, int length, long initial) {
    long sum = initial;
    int end = start + length;
    int p = start;
    for (; p + 1 < end; p += 2) {
      sum += ((frame[p] & 0xff) << 8) | (frame[p + 1] & 0xff);
    }
    if (p < end) {
      sum += (frame[p] & 0xff) << 8;
    }
    return sum;
  }

  private static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static int nextHop(int ip) {
    return Ipv4.isInternal(ip) ? ip : GATEWAY;
  }

  private static void checkIpPayload(int length) {
    if (length > MAX_IP_PAYLOAD) {
      throw new IllegalArgumentException(
          "IP payload must be <= " + MAX_IP_PAYLOAD + " bytes (no fragmentation), found " + length);
    }
  }

  private void putMac(int p, int ip) {
    frame[p] = 0x02; // locally administered, unicast
    frame[p + 1] = 0x00;
    putInt(p + 2, ip);
  }

  private void putShort(int p, int v) {
    frame[p] = (byte) (v >>> 8);
    frame[p + 1] = (byte) v;
  }

  private void putInt(int p, int v) {
    frame[p] = (byte) (v >>> 24);
    frame[p + 1] = (byte) (v >>> 16);
    frame[p + 2] = (byte) (v >>> 8);
    frame[p + 3] = (byte) v;
  }
}

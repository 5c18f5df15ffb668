package io.watchfloor.protocol.decode;

import io.watchfloor.protocol.ip.IpAddresses;
import java.nio.ByteBuffer;

/**
 * Mutable view of one decoded packet, owned and refilled by a {@link PacketDecoder}: valid until
 * the next {@code decode()} call. Copy out what you keep. Addresses use the two-long encoding of
 * {@link IpAddresses} (IPv4 stored IPv4-mapped).
 */
public final class DecodedPacket {

  long timestampNanos;
  int wireLength;
  int capturedLength;
  int linkType;
  int etherType;
  int vlanId;
  int networkOffset;
  int ipVersion;
  long srcHi;
  long srcLo;
  long dstHi;
  long dstLo;
  int ipProtocol;
  int ttl;
  boolean fragment;
  int ipPayloadLength;
  int srcPort;
  int dstPort;
  int tcpFlags;
  int tcpMss;
  int tcpWindowScale;
  int tcpOptions;
  int icmpType;
  int icmpCode;
  int payloadOffset;
  int payloadLength;
  ByteBuffer buffer;
  Malformation malformation;
  boolean snapTruncated;

  DecodedPacket() {
    reset(0, null, 0, 0, 0, 0);
  }

  void reset(int linkType, ByteBuffer buffer, int offset, int capturedLength, int wireLength,
      long timestampNanos) {
    this.timestampNanos = timestampNanos;
    this.wireLength = wireLength;
    this.capturedLength = capturedLength;
    this.linkType = linkType;
    this.buffer = buffer;
    etherType = 0;
    vlanId = -1;
    networkOffset = -1;
    ipVersion = 0;
    srcHi = 0;
    srcLo = 0;
    dstHi = 0;
    dstLo = 0;
    ipProtocol = 0;
    ttl = 0;
    fragment = false;
    ipPayloadLength = 0;
    srcPort = 0;
    dstPort = 0;
    tcpFlags = 0;
    tcpMss = -1;
    tcpWindowScale = -1;
    tcpOptions = 0;
    icmpType = -1;
    icmpCode = -1;
    payloadOffset = offset;
    payloadLength = 0;
    malformation = Malformation.NONE;
    snapTruncated = false;
  }

  /** Records the first problem only: later ones are usually consequences of it. */
  void flag(Malformation problem) {
    if (malformation == Malformation.NONE) {
      malformation = problem;
    }
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  /** Length of the frame on the wire (the capture's original length). */
  public int wireLength() {
    return wireLength;
  }

  public int capturedLength() {
    return capturedLength;
  }

  public int linkType() {
    return linkType;
  }

  /** EtherType after VLAN tags (synthesised for raw IP, loopback and cooked links); 0 if none. */
  public int etherType() {
    return etherType;
  }

  /** VLAN id of the outer tag, or -1 when untagged. */
  public int vlanId() {
    return vlanId;
  }

  /** Offset of the IP header in {@link #buffer()}, or -1 when not IP. */
  public int networkOffset() {
    return networkOffset;
  }

  /** 4 or 6; 0 when the packet is not IP (ARP, 802.3 LLC, ...). */
  public int ipVersion() {
    return ipVersion;
  }

  public long srcHi() {
    return srcHi;
  }

  public long srcLo() {
    return srcLo;
  }

  public long dstHi() {
    return dstHi;
  }

  public long dstLo() {
    return dstLo;
  }

  /** Upper-layer protocol; for IPv6 the one after the extension headers. */
  public int ipProtocol() {
    return ipProtocol;
  }

  /** IPv4 TTL or IPv6 hop limit. */
  public int ttl() {
    return ttl;
  }

  /** Part of a fragmented datagram; non-first fragments have no ports. */
  public boolean isFragment() {
    return fragment;
  }

  /** Wire length of the upper-layer data: after the IPv4 header or the IPv6 extension headers. */
  public int ipPayloadLength() {
    return ipPayloadLength;
  }

  /** TCP/UDP source port; 0 when none. */
  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  /** TCP flags byte, see {@link TcpFlags}; 0 for other protocols. */
  public int tcpFlags() {
    return tcpFlags;
  }

  /** TCP option bits in {@link #tcpOptions()}. */
  public static final int TCP_OPT_SACK_PERMITTED = 1;
  public static final int TCP_OPT_SACK = 2;
  public static final int TCP_OPT_TIMESTAMPS = 4;

  /** The TCP maximum segment size option, or -1 when absent. */
  public int tcpMss() {
    return tcpMss;
  }

  /** The TCP window scale shift, or -1 when absent. */
  public int tcpWindowScale() {
    return tcpWindowScale;
  }

  /** Which of SACK-permitted, SACK and timestamps options the segment carries (TCP_OPT_* bits). */
  public int tcpOptions() {
    return tcpOptions;
  }

  /** ICMP or ICMPv6 type; -1 when not ICMP. */
  public int icmpType() {
    return icmpType;
  }

  public int icmpCode() {
    return icmpCode;
  }

  /** Start of the transport payload (after the TCP/UDP/ICMP header) in {@link #buffer()}. */
  public int payloadOffset() {
    return payloadOffset;
  }

  /** Captured bytes of transport payload (Ethernet padding excluded). */
  public int payloadLength() {
    return payloadLength;
  }

  public ByteBuffer buffer() {
    return buffer;
  }

  public Malformation malformation() {
    return malformation;
  }

  public boolean isMalformed() {
    return malformation != Malformation.NONE;
  }

  /**
   * Decoding stopped early because the capture kept fewer bytes than the wire carried (snaplen).
   * That is a property of the capture, not of the packet, so it is not a malformation.
   */
  public boolean isSnapTruncated() {
    return snapTruncated;
  }

  public boolean isIpv4() {
    return ipVersion == 4;
  }

  public boolean isIpv6() {
    return ipVersion == 6;
  }

  /** For logs and tests; allocates. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("DecodedPacket[");
    text.append("wire=").append(wireLength).append(" etherType=0x")
        .append(Integer.toHexString(etherType));
    if (vlanId >= 0) {
      text.append(" vlan=").append(vlanId);
    }
    if (ipVersion != 0) {
      text.append(' ').append(IpAddresses.format(srcHi, srcLo)).append(':').append(srcPort)
          .append(" > ").append(IpAddresses.format(dstHi, dstLo)).append(':').append(dstPort)
          .append(" proto=").append(ipProtocol).append(" ttl=").append(ttl);
    }
    if (icmpType >= 0) {
      text.append(" icmp=").append(icmpType).append('/').append(icmpCode);
    }
    if (malformation != Malformation.NONE) {
      text.append(" malformed=").append(malformation.id());
    }
    return text.append(']').toString();
  }
}

package io.watchfloor.protocol.decode;

import io.watchfloor.protocol.ip.IpAddresses;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.nio.ByteBuffer;

/**
 * Decodes link, network and transport headers of one frame into a reused {@link DecodedPacket}.
 *
 * <p>One instance per capture thread. {@link #decode} allocates nothing, reads only through
 * absolute, bounds-checked gets (the buffer's position, limit and byte order are not changed
 * or relied on) and never throws: a frame that makes no sense yields a {@link Malformation}.
 *
 * <p>Lengths are checked against two ends: the captured bytes, and the wire length. A header
 * field pointing past the wire frame is a malformation; one pointing past the captured bytes
 * but within the wire frame just means the capture was snapped ({@link
 * DecodedPacket#isSnapTruncated()}).
 */
public final class PacketDecoder {

  /** Destination, source, EtherType (IEEE 802.3 §3.1.1). */
  static final int ETHERNET_HEADER_LENGTH = 14;
  /** TPID is the EtherType field; a tag adds TCI + inner EtherType (IEEE 802.1Q §9.5). */
  static final int VLAN_TAG_LENGTH = 4;
  /** 802.1ad stacks one service tag over one customer tag; more than 4 is not a real network. */
  static final int MAX_VLAN_TAGS = 4;
  static final int VLAN_ID_MASK = 0x0fff;
  /** Linux cooked capture v1, https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html. */
  static final int SLL_HEADER_LENGTH = 16;
  static final int SLL_PROTOCOL_OFFSET = 14;
  /** Linux cooked capture v2, https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html. */
  static final int SLL2_HEADER_LENGTH = 20;
  /** BSD loopback address family word, https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html. */
  static final int LOOPBACK_HEADER_LENGTH = 4;
  static final int AF_INET = 2;
  /** AF_INET6 differs per OS: Linux 10, Windows 23, OpenBSD/NetBSD 24, FreeBSD 28, macOS 30. */
  static final int[] AF_INET6_VALUES = {10, 23, 24, 28, 30};

  /** RFC 791 §3.1: IHL is at least 5 words. */
  static final int IPV4_MIN_HEADER_LENGTH = 20;
  static final int IPV4_MORE_FRAGMENTS = 0x2000;
  static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1fff;
  /** RFC 791 §3.1 header checksum field. */
  static final int IPV4_CHECKSUM_OFFSET = 10;
  /**
   * A zero checksum is what a capturing host with checksum offload hands to libpcap before the
   * NIC fills the field in, so it is not checked. A correct checksum is 0x0000 only when the
   * other words sum to 0xffff (about 1 header in 65535): skipping those loses nothing.
   */
  static final int IPV4_CHECKSUM_NOT_COMPUTED = 0x0000;
  /** RFC 8200 §3. */
  static final int IPV6_HEADER_LENGTH = 40;
  /** RFC 8200 §4.1 gives no number; real stacks send at most a handful (RFC 7045, RFC 9098). */
  static final int MAX_IPV6_EXTENSION_HEADERS = 16;
  /** RFC 8200 §4.5. */
  static final int IPV6_FRAGMENT_HEADER_LENGTH = 8;
  /** RFC 9293 §3.1: data offset is at least 5 words. */
  static final int TCP_MIN_HEADER_LENGTH = 20;
  /** RFC 9293 §3.2 option kinds; RFC 7323 (window scale, timestamps); RFC 2018 (SACK). */
  static final int TCP_OPTION_END = 0;
  static final int TCP_OPTION_NOP = 1;
  static final int TCP_OPTION_MSS = 2;
  static final int TCP_OPTION_WINDOW_SCALE = 3;
  static final int TCP_OPTION_SACK_PERMITTED = 4;
  static final int TCP_OPTION_SACK = 5;
  static final int TCP_OPTION_TIMESTAMPS = 8;
  /** RFC 768. */
  static final int UDP_HEADER_LENGTH = 8;
  /** RFC 792 / RFC 4443 §2.1: type, code, checksum and 4 message bytes. */
  static final int ICMP_HEADER_LENGTH = 8;

  private final DecodedPacket packet = new DecodedPacket();
  private ByteBuffer buf;
  private int start;
  private int end;
  private long wireLength;

  /**
   * Decodes the frame {@code buf[offset, offset + capturedLength)}.
   *
   * @param originalLength length on the wire; at least {@code capturedLength} is assumed
   * @return this decoder's packet view, refilled
   */
  public DecodedPacket decode(int linkType, ByteBuffer buf, int offset, int capturedLength,
      int originalLength, long timestampNanos) {
    DecodedPacket p = packet;
    p.reset(linkType, buf, offset, capturedLength, originalLength, timestampNanos);
    if (buf == null || offset < 0 || capturedLength < 0 || offset > buf.limit() - capturedLength) {
      p.flag(Malformation.INVALID_BUFFER_RANGE);
      return p;
    }
    this.buf = buf;
    this.start = offset;
    this.end = offset + capturedLength;
    this.wireLength = Math.max(originalLength, capturedLength);
    switch (linkType) {
      case LinkTypes.ETHERNET:
        decodeEthernet(offset);
        break;
      case LinkTypes.LINUX_SLL:
        if (need(offset, SLL_HEADER_LENGTH, Malformation.TRUNCATED_LINK)) {
          decodeEtherType(u16(offset + SLL_PROTOCOL_OFFSET), offset + SLL_HEADER_LENGTH);
        }
        break;
      case LinkTypes.LINUX_SLL2:
        if (need(offset, SLL2_HEADER_LENGTH, Malformation.TRUNCATED_LINK)) {
          decodeEtherType(u16(offset), offset + SLL2_HEADER_LENGTH);
        }
        break;
      case LinkTypes.RAW:
        decodeRawIp(offset);
        break;
      case LinkTypes.IPV4:
        decodeEtherType(EtherTypes.IPV4, offset);
        break;
      case LinkTypes.IPV6:
        decodeEtherType(EtherTypes.IPV6, offset);
        break;
      case LinkTypes.NULL:
      case LinkTypes.LOOP:
        decodeLoopback(offset);
        break;
      default:
        p.flag(Malformation.UNSUPPORTED_LINK_TYPE);
        break;
    }
    this.buf = null;
    return p;
  }

  // ---------------------------------------------------------------- link layer

  private void decodeEthernet(int pos) {
    if (need(pos, ETHERNET_HEADER_LENGTH, Malformation.TRUNCATED_LINK)) {
      decodeEtherType(u16(pos + 12), pos + ETHERNET_HEADER_LENGTH);
    }
  }

  private void decodeRawIp(int pos) {
    if (!need(pos, 1, Malformation.TRUNCATED_LINK)) {
      return;
    }
    int version = u8(pos) >>> 4;
    if (version == 4) {
      decodeEtherType(EtherTypes.IPV4, pos);
    } else if (version == 6) {
      decodeEtherType(EtherTypes.IPV6, pos);
    } else {
      packet.flag(Malformation.BAD_IP_VERSION);
    }
  }

  /** The family word is in the writer's byte order (NULL) or big-endian (LOOP): accept both. */
  private void decodeLoopback(int pos) {
    if (!need(pos, LOOPBACK_HEADER_LENGTH, Malformation.TRUNCATED_LINK)) {
      return;
    }
    int family = u8(pos) | u8(pos + 1) << 8 | u8(pos + 2) << 16 | u8(pos + 3) << 24;
    if ((family & 0xffff0000) != 0) {
      family = Integer.reverseBytes(family);
    }
    int payload = pos + LOOPBACK_HEADER_LENGTH;
    if (family == AF_INET) {
      decodeEtherType(EtherTypes.IPV4, payload);
      return;
    }
    for (int inet6 : AF_INET6_VALUES) {
      if (family == inet6) {
        decodeEtherType(EtherTypes.IPV6, payload);
        return;
      }
    }
  }

  private void decodeEtherType(int etherType, int pos) {
    DecodedPacket p = packet;
    int type = etherType;
    int tags = 0;
    while (type == EtherTypes.VLAN || type == EtherTypes.QINQ || type == EtherTypes.QINQ_LEGACY) {
      if (tags == MAX_VLAN_TAGS) {
        p.flag(Malformation.TOO_MANY_VLAN_TAGS);
        return;
      }
      if (!need(pos, VLAN_TAG_LENGTH, Malformation.TRUNCATED_LINK)) {
        return;
      }
      if (p.vlanId < 0) {
        p.vlanId = u16(pos) & VLAN_ID_MASK;
      }
      type = u16(pos + 2);
      pos += VLAN_TAG_LENGTH;
      tags++;
    }
    if (type < EtherTypes.MIN_ETHERTYPE) {
      return; // IEEE 802.3 length field: an LLC frame, not IP
    }
    p.etherType = type;
    p.payloadOffset = pos;
    if (type == EtherTypes.IPV4) {
      decodeIpv4(pos);
    } else if (type == EtherTypes.IPV6) {
      decodeIpv6(pos);
    }
  }

  // ---------------------------------------------------------------- network layer

  private void decodeIpv4(int pos) {
    DecodedPacket p = packet;
    p.networkOffset = pos;
    if (!need(pos, IPV4_MIN_HEADER_LENGTH, Malformation.TRUNCATED_IPV4)) {
      return;
    }
    int versionAndLength = u8(pos);
    if (versionAndLength >>> 4 != 4) {
      p.flag(Malformation.BAD_IP_VERSION);
      return;
    }
    p.ipVersion = 4;
    p.ttl = u8(pos + 8);
    p.ipProtocol = u8(pos + 9);
    p.srcLo = IpAddresses.ipv4Lo(u32(pos + 12));
    p.dstLo = IpAddresses.ipv4Lo(u32(pos + 16));
    int headerLength = (versionAndLength & 0x0f) * 4;
    int totalLength = u16(pos + 2);
    if (headerLength < IPV4_MIN_HEADER_LENGTH) {
      p.flag(Malformation.BAD_IPV4_HEADER_LENGTH);
      return;
    }
    if (totalLength < headerLength) {
      p.flag(Malformation.BAD_IPV4_TOTAL_LENGTH);
      return;
    }
    if (totalLength > wireRemaining(pos)) {
      p.flag(Malformation.TRUNCATED_IPV4);
      return;
    }
    int fragmentField = u16(pos + 6);
    int fragmentOffset = fragmentField & IPV4_FRAGMENT_OFFSET_MASK;
    p.fragment = fragmentOffset != 0 || (fragmentField & IPV4_MORE_FRAGMENTS) != 0;
    p.ipPayloadLength = totalLength - headerLength;
    if (!need(pos, headerLength, Malformation.TRUNCATED_IPV4)) {
      return;
    }
    if (u16(pos + IPV4_CHECKSUM_OFFSET) != IPV4_CHECKSUM_NOT_COMPUTED
        && !ipv4ChecksumVerifies(pos, headerLength)) {
      // Keep decoding: ports and flags of a corrupted header still help explain the alert.
      p.flag(Malformation.BAD_IPV4_CHECKSUM);
    }
    decodeTransport(p.ipProtocol, pos + headerLength, totalLength - headerLength,
        fragmentOffset != 0);
  }

  /**
   * RFC 1071 §1: the one's-complement sum of all header words, checksum field included, is
   * 0xffff when the header is intact. The caller has checked the header was captured.
   */
  private boolean ipv4ChecksumVerifies(int pos, int headerLength) {
    // 32 bits at a time into a long (at most 15 words: no overflow), then folded (RFC 1071 §2(B)).
    long sum = 0;
    for (int i = 0; i < headerLength; i += 4) {
      sum += buf.getInt(pos + i) & 0xffffffffL;
    }
    sum = (sum & 0xffffffffL) + (sum >>> 32);
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    return sum == 0xffff;
  }

  private void decodeIpv6(int pos) {
    DecodedPacket p = packet;
    p.networkOffset = pos;
    if (!need(pos, IPV6_HEADER_LENGTH, Malformation.TRUNCATED_IPV6)) {
      return;
    }
    if (u8(pos) >>> 4 != 6) {
      p.flag(Malformation.BAD_IP_VERSION);
      return;
    }
    p.ipVersion = 6;
    p.ttl = u8(pos + 7);
    p.srcHi = u64(pos + 8);
    p.srcLo = u64(pos + 16);
    p.dstHi = u64(pos + 24);
    p.dstLo = u64(pos + 32);
    int next = u8(pos + 6);
    p.ipProtocol = next;
    long wirePayload = wireRemaining(pos) - IPV6_HEADER_LENGTH;
    int payloadLength = u16(pos + 4);
    if (payloadLength == 0 && next == IpProtocols.HOPOPT) {
      // RFC 2675 jumbogram: the real length is in a hop-by-hop option; take the frame's.
      payloadLength = (int) Math.min(wirePayload, Integer.MAX_VALUE);
    }
    if (payloadLength > wirePayload) {
      p.flag(Malformation.TRUNCATED_IPV6);
      return;
    }
    int cursor = pos + IPV6_HEADER_LENGTH;
    int remaining = payloadLength;
    boolean laterFragment = false;
    for (int headers = 0; ; headers++) {
      int headerLength;
      if (next == IpProtocols.HOPOPT || next == IpProtocols.IPV6_ROUTING
          || next == IpProtocols.IPV6_DEST_OPTIONS || next == IpProtocols.MOBILITY) {
        if (next == IpProtocols.HOPOPT && headers != 0) {
          p.flag(Malformation.BAD_IPV6_EXTENSION_HEADER); // RFC 8200 §4.1: only right after IPv6
          return;
        }
        if (!extensionHeaderFits(cursor, 2, remaining, headers)) {
          return;
        }
        headerLength = (u8(cursor + 1) + 1) * 8; // RFC 8200 §4.3: 8-octet units, first excluded
      } else if (next == IpProtocols.AH) {
        if (!extensionHeaderFits(cursor, 2, remaining, headers)) {
          return;
        }
        headerLength = (u8(cursor + 1) + 2) * 4; // RFC 4302 §2.2: 4-octet units minus 2
      } else if (next == IpProtocols.IPV6_FRAGMENT) {
        if (!extensionHeaderFits(cursor, IPV6_FRAGMENT_HEADER_LENGTH, remaining, headers)) {
          return;
        }
        headerLength = IPV6_FRAGMENT_HEADER_LENGTH;
        int offsetAndFlags = u16(cursor + 2);
        int fragmentOffset = offsetAndFlags >>> 3;
        boolean moreFragments = (offsetAndFlags & 1) != 0;
        // RFC 6946: offset 0 without M is an "atomic fragment", a whole datagram
        p.fragment = fragmentOffset != 0 || moreFragments;
        laterFragment = fragmentOffset != 0;
      } else {
        break; // upper-layer protocol, ESP, No Next Header or unknown
      }
      if (headerLength > remaining) {
        p.flag(Malformation.BAD_IPV6_EXTENSION_HEADER);
        return;
      }
      next = u8(cursor);
      cursor += headerLength;
      remaining -= headerLength;
      p.ipProtocol = next;
    }
    p.ipPayloadLength = remaining;
    if (next == IpProtocols.IPV6_NO_NEXT_HEADER || next == IpProtocols.ESP) {
      p.payloadOffset = cursor;
      p.payloadLength = clampPayload(cursor, remaining);
      return;
    }
    decodeTransport(next, cursor, remaining, laterFragment);
  }

  /** Checks the count and that {@code length} bytes of header are in the payload and captured. */
  private boolean extensionHeaderFits(int cursor, int length, int remaining, int headers) {
    if (headers == MAX_IPV6_EXTENSION_HEADERS || length > remaining) {
      packet.flag(Malformation.BAD_IPV6_EXTENSION_HEADER);
      return false;
    }
    if (cursor > end - length) {
      packet.snapTruncated = true;
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- transport layer

  /**
   * @param length wire length of the upper-layer data
   * @param laterFragment a non-first fragment: no transport header to read
   */
  private void decodeTransport(int protocol, int pos, int length, boolean laterFragment) {
    DecodedPacket p = packet;
    p.ipProtocol = protocol;
    p.payloadOffset = pos;
    p.payloadLength = clampPayload(pos, length);
    if (laterFragment) {
      return;
    }
    switch (protocol) {
      case IpProtocols.TCP:
        decodeTcp(pos, length);
        break;
      case IpProtocols.UDP:
        decodeUdp(pos, length);
        break;
      case IpProtocols.ICMP:
      case IpProtocols.ICMPV6:
        decodeIcmp(protocol, pos, length);
        break;
      default:
        break;
    }
  }

  private void decodeTcp(int pos, int length) {
    DecodedPacket p = packet;
    if (length < TCP_MIN_HEADER_LENGTH) {
      p.flag(Malformation.TRUNCATED_TCP);
      return;
    }
    if (!need(pos, TCP_MIN_HEADER_LENGTH, Malformation.TRUNCATED_TCP)) {
      return;
    }
    p.srcPort = u16(pos);
    p.dstPort = u16(pos + 2);
    p.tcpFlags = u8(pos + 13);
    int headerLength = (u8(pos + 12) >>> 4) * 4;
    if (headerLength < TCP_MIN_HEADER_LENGTH || headerLength > length) {
      p.flag(Malformation.BAD_TCP_HEADER_LENGTH);
      p.payloadLength = 0;
      return;
    }
    if (TcpFlags.isIllegal(p.tcpFlags)) {
      p.flag(Malformation.ILLEGAL_TCP_FLAGS);
    }
    if (headerLength > TCP_MIN_HEADER_LENGTH && captured(pos, headerLength)) {
      decodeTcpOptions(pos + TCP_MIN_HEADER_LENGTH, pos + headerLength);
    }
    p.payloadOffset = pos + headerLength;
    p.payloadLength = clampPayload(pos + headerLength, length - headerLength);
  }

  /**
   * RFC 9293 §3.2: kind 0 ends the list, kind 1 is one byte of padding, every other option has a
   * length byte covering kind and length. Known kinds have fixed lengths (MSS 4, window scale 3,
   * SACK-permitted 2, timestamps 10; SACK 2 + 8n, RFC 2018). Unknown kinds are skipped by length.
   */
  private void decodeTcpOptions(int pos, int end) {
    DecodedPacket p = packet;
    while (pos < end) {
      int kind = u8(pos);
      if (kind == TCP_OPTION_END) {
        return;
      }
      if (kind == TCP_OPTION_NOP) {
        pos++;
        continue;
      }
      if (pos + 1 >= end) {
        p.flag(Malformation.BAD_TCP_OPTION);
        return;
      }
      int len = u8(pos + 1);
      if (len < 2 || pos + len > end || !tcpOptionLengthFits(kind, len)) {
        p.flag(Malformation.BAD_TCP_OPTION);
        return;
      }
      switch (kind) {
        case TCP_OPTION_MSS -> p.tcpMss = u16(pos + 2);
        case TCP_OPTION_WINDOW_SCALE -> p.tcpWindowScale = u8(pos + 2);
        case TCP_OPTION_SACK_PERMITTED -> p.tcpOptions |= DecodedPacket.TCP_OPT_SACK_PERMITTED;
        case TCP_OPTION_SACK -> p.tcpOptions |= DecodedPacket.TCP_OPT_SACK;
        case TCP_OPTION_TIMESTAMPS -> p.tcpOptions |= DecodedPacket.TCP_OPT_TIMESTAMPS;
        default -> { }
      }
      pos += len;
    }
  }

  private static boolean tcpOptionLengthFits(int kind, int len) {
    return switch (kind) {
      case TCP_OPTION_MSS -> len == 4;
      case TCP_OPTION_WINDOW_SCALE -> len == 3;
      case TCP_OPTION_SACK_PERMITTED -> len == 2;
      case TCP_OPTION_SACK -> len >= 10 && (len - 2) % 8 == 0;
      case TCP_OPTION_TIMESTAMPS -> len == 10;
      default -> true;
    };
  }

  private void decodeUdp(int pos, int length) {
    DecodedPacket p = packet;
    if (length < UDP_HEADER_LENGTH) {
      p.flag(Malformation.TRUNCATED_UDP);
      return;
    }
    if (!need(pos, UDP_HEADER_LENGTH, Malformation.TRUNCATED_UDP)) {
      return;
    }
    p.srcPort = u16(pos);
    p.dstPort = u16(pos + 2);
    int udpLength = u16(pos + 4);
    // RFC 768: the length covers header and data. In a first fragment the datagram continues
    // in later fragments, so only the lower bound can be checked.
    if (udpLength < UDP_HEADER_LENGTH || (!p.fragment && udpLength > length)) {
      p.flag(Malformation.BAD_UDP_LENGTH);
      p.payloadLength = 0;
      return;
    }
    int dataLength = p.fragment ? length - UDP_HEADER_LENGTH : udpLength - UDP_HEADER_LENGTH;
    p.payloadOffset = pos + UDP_HEADER_LENGTH;
    p.payloadLength = clampPayload(pos + UDP_HEADER_LENGTH, dataLength);
  }

  private void decodeIcmp(int protocol, int pos, int length) {
    DecodedPacket p = packet;
    if (length < ICMP_HEADER_LENGTH) {
      p.flag(Malformation.TRUNCATED_ICMP);
      return;
    }
    if (!need(pos, 2, Malformation.TRUNCATED_ICMP)) {
      return;
    }
    p.icmpType = u8(pos);
    p.icmpCode = u8(pos + 1);
    Malformation validity = protocol == IpProtocols.ICMP
        ? IcmpTypes.checkIcmpv4(p.icmpType, p.icmpCode)
        : IcmpTypes.checkIcmpv6(p.icmpType, p.icmpCode);
    if (validity != Malformation.NONE) {
      p.flag(validity);
    }
    p.payloadOffset = pos + ICMP_HEADER_LENGTH;
    p.payloadLength = clampPayload(pos + ICMP_HEADER_LENGTH, length - ICMP_HEADER_LENGTH);
  }

  // ---------------------------------------------------------------- bounds and reads

  /**
   * True when {@code [pos, pos + length)} was captured. Otherwise: if the wire frame had those
   * bytes the capture was snapped (not a malformation), else flags {@code ifMissing}.
   */
  private boolean need(int pos, int length, Malformation ifMissing) {
    if (pos <= end - length) {
      return true;
    }
    if (length <= wireRemaining(pos)) {
      packet.snapTruncated = true;
    } else {
      packet.flag(ifMissing);
    }
    return false;
  }

  /** True when {@code [pos, pos + length)} was captured; never flags anything. */
  private boolean captured(int pos, int length) {
    return pos <= end - length;
  }

  /** Bytes from {@code pos} to the end of the frame as it was on the wire. */
  private long wireRemaining(int pos) {
    return wireLength - (pos - start);
  }

  /** Captured bytes of a region of {@code length} wire bytes starting at {@code pos}. */
  private int clampPayload(int pos, int length) {
    int captured = end - pos;
    return Math.max(0, Math.min(length, captured));
  }

  private int u8(int index) {
    return buf.get(index) & 0xff;
  }

  private int u16(int index) {
    return (u8(index) << 8) | u8(index + 1);
  }

  private int u32(int index) {
    return (u16(index) << 16) | u16(index + 2);
  }

  private long u64(int index) {
    return ((long) u32(index) << 32) | (u32(index + 4) & 0xffffffffL);
  }
}

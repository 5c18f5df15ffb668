package io.watchfloor.models.flow;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.EtherTypes;
import io.watchfloor.protocol.decode.IcmpTypes;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.ip.IpAddresses;
import java.nio.ByteBuffer;

/**
 * The flow key of one packet, refilled per packet (no allocation): VLAN, kind (IP protocol, or
 * {@link #KIND_ARP} / {@link #KIND_L2}), two endpoints A and B, and which of them sent the packet.
 *
 * <p>What forms a flow follows argus 3.0, so counts compare with {@code argus | racluster}:
 * <ul>
 *   <li>TCP, UDP, SCTP: the two (address, port) endpoints in canonical order.
 *   <li>ICMP/ICMPv6: the addresses in canonical order plus a type class: request and reply types
 *       share one (echo also keys on its identifier); errors (unreachable, time exceeded ...) key on
 *       type and code, port unreachable also on the quoted destination port; errors that quote no IP
 *       header, and types the decoder does not know, form no flow (argus drops them too).
 *   <li>ARP: directional, (asker, asked): a reply joins its request's flow; A asking for B and B
 *       asking for A are two flows, as argus reports them.
 *   <li>Other Ethernet frames (STP, LLDP ...): the two MAC addresses and EtherType or LLC DSAP.
 * </ul>
 */
final class PacketKey {

  static final int KIND_ARP = 0x100;
  static final int KIND_L2 = 0x101;
  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMP = 1;
  static final int ICMPV6 = 58;
  static final int SCTP = 132;

  private static final int LINKTYPE_ETHERNET = 1;
  /** RFC 826 for Ethernet/IPv4: 8 fixed bytes, two 6-byte hardware and two 4-byte protocol addresses. */
  private static final int ARP_IPV4_LENGTH = 28;
  private static final int IPV6_FRAGMENT_HEADER = 44;
  private static final int MAX_IPV6_EXTENSION_HEADERS = 16;

  int kind;
  int vlan;
  long aHi;
  long aLo;
  long bHi;
  long bLo;
  int aPort;
  int bPort;
  /** The packet travels from A to B. */
  boolean fromA;
  /** First packet's ICMP type << 8 | code, or -1. */
  int icmpTypeCode;

  // fragment of the current packet, when it is one
  boolean fragment;
  boolean laterFragment;
  int fragmentId;
  int fragmentStart;
  int fragmentEnd;

  /**
   * Fills the key from {@code p}.
   *
   * @param frameOffset where the frame starts in {@code p.buffer()}
   * @return false when the packet forms no flow
   */
  boolean read(DecodedPacket p, int frameOffset, FragmentTracker fragments) {
    vlan = p.vlanId();
    icmpTypeCode = -1;
    aPort = 0;
    bPort = 0;
    fragment = false;
    laterFragment = false;
    int capturedEnd = frameOffset + p.capturedLength();
    if (p.ipVersion() == 0) {
      return p.etherType() == EtherTypes.ARP ? readArp(p, capturedEnd) : readLayer2(p, frameOffset, capturedEnd);
    }
    kind = p.ipProtocol();
    long sHi = p.srcHi();
    long sLo = p.srcLo();
    long dHi = p.dstHi();
    long dLo = p.dstLo();
    int srcPort = 0;
    int dstPort = 0;
    boolean ordered = true; // ICMP "ports" are not swapped with the addresses
    if (p.isFragment()) {
      readFragment(p, capturedEnd);
    }
    if (!laterFragment) {
      if (kind == TCP || kind == UDP) {
        srcPort = p.srcPort();
        dstPort = p.dstPort();
      } else if (kind == SCTP && p.payloadOffset() + 4 <= capturedEnd) {
        srcPort = u16(p.buffer(), p.payloadOffset());
        dstPort = u16(p.buffer(), p.payloadOffset() + 2);
      } else if ((kind == ICMP || kind == ICMPV6) && p.icmpType() >= 0) {
        if (!readIcmp(p, capturedEnd)) {
          return false;
        }
        srcPort = aPort;
        dstPort = bPort;
        ordered = false;
      }
    }
    int order = CommunityId.compare(sHi, sLo, dHi, dLo);
    fromA = order < 0 || (order == 0 && (!ordered || srcPort <= dstPort));
    if (fromA) {
      aHi = sHi; aLo = sLo; bHi = dHi; bLo = dLo;
      aPort = srcPort; bPort = dstPort;
    } else {
      aHi = dHi; aLo = dLo; bHi = sHi; bLo = sLo;
      aPort = ordered ? dstPort : srcPort;
      bPort = ordered ? srcPort : dstPort;
    }
    if (fragment) {
      long addresses = PacketDedup.mix(sHi * 31 + sLo) ^ PacketDedup.mix(dHi * 17 + dLo + 1);
      long remembered = fragments.record(addresses, kind, fragmentId, !laterFragment,
          ((long) (aPort & 0xffff) << 48) | ((long) (bPort & 0xffff) << 32) | (icmpTypeCode & 0xffffffffL),
          fragmentStart, fragmentEnd, p.timestampNanos());
      if (laterFragment && remembered != -1) {
        aPort = (int) (remembered >>> 48) & 0xffff;
        bPort = (int) (remembered >>> 32) & 0xffff;
        icmpTypeCode = (int) remembered;
      }
    }
    return true;
  }

  /** Fills {@link #aPort} (type class << 8 | code) and {@link #bPort} (identifier or quoted port). */
  private boolean readIcmp(DecodedPacket p, int capturedEnd) {
    int type = p.icmpType();
    int code = p.icmpCode();
    // asked of IcmpTypes, not p.malformation(): that holds only the packet's first problem
    Malformation m = kind == ICMP ? IcmpTypes.checkIcmpv4(type, code) : IcmpTypes.checkIcmpv6(type, code);
    if (m == Malformation.ICMPV4_UNKNOWN_TYPE || m == Malformation.ICMPV6_UNKNOWN_TYPE) {
      return false;
    }
    icmpTypeCode = type << 8 | code;
    ByteBuffer b = p.buffer();
    int header = p.payloadOffset() - 8;
    int counterpart = CommunityId.icmpCounterpart(kind, type);
    if (counterpart >= 0) {
      boolean echo = kind == ICMP ? (type == 8 || type == 0) : (type == 128 || type == 129);
      aPort = Math.min(type, counterpart) << 8;
      bPort = echo && header + 6 <= capturedEnd ? u16(b, header + 4) : 0;
      return true;
    }
    aPort = type << 8 | code;
    boolean error = kind == ICMP ? (type == 3 || type == 4 || type == 5 || type == 11 || type == 12)
        : (type >= 1 && type <= 4);
    if (!error) {
      return true;
    }
    int quoted = p.payloadOffset();
    if (kind == ICMP) {
      if (quoted + 20 > capturedEnd || (b.get(quoted) & 0xf0) != 0x40) {
        return false;
      }
      int quotedProtocol = b.get(quoted + 9) & 0xff;
      int transport = quoted + (b.get(quoted) & 0x0f) * 4;
      if (type == 3 && code == 3 && (quotedProtocol == TCP || quotedProtocol == UDP)
          && transport + 4 <= capturedEnd) {
        bPort = u16(b, transport + 2);
      }
    } else {
      if (quoted + 40 > capturedEnd || (b.get(quoted) & 0xf0) != 0x60) {
        return false;
      }
      int quotedProtocol = b.get(quoted + 6) & 0xff;
      if (type == 1 && code == 4 && (quotedProtocol == TCP || quotedProtocol == UDP)
          && quoted + 44 <= capturedEnd) {
        bPort = u16(b, quoted + 42);
      }
    }
    return true;
  }

  private void readFragment(DecodedPacket p, int capturedEnd) {
    ByteBuffer b = p.buffer();
    int ip = p.networkOffset();
    if (p.ipVersion() == 4) {
      if (ip + 8 > capturedEnd) {
        return;
      }
      fragment = true;
      fragmentId = u16(b, ip + 4);
      fragmentStart = (u16(b, ip + 6) & 0x1fff) * 8;
    } else {
      int next = b.get(ip + 6) & 0xff;
      int cursor = ip + 40;
      for (int i = 0; i < MAX_IPV6_EXTENSION_HEADERS && cursor + 8 <= capturedEnd; i++) {
        if (next == IPV6_FRAGMENT_HEADER) {
          fragment = true;
          fragmentId = b.getInt(cursor + 4);
          fragmentStart = u16(b, cursor + 2) & 0xfff8;
          break;
        }
        if (next != 0 && next != 43 && next != 60 && next != 135 && next != 51) {
          return;
        }
        int length = next == 51 ? ((b.get(cursor + 1) & 0xff) + 2) * 4 : ((b.get(cursor + 1) & 0xff) + 1) * 8;
        next = b.get(cursor) & 0xff;
        cursor += length;
      }
    }
    if (fragment) {
      laterFragment = fragmentStart != 0;
      fragmentEnd = fragmentStart + p.ipPayloadLength();
    }
  }

  private boolean readArp(DecodedPacket p, int capturedEnd) {
    int arp = p.payloadOffset();
    ByteBuffer b = p.buffer();
    if (arp + ARP_IPV4_LENGTH > capturedEnd || u16(b, arp + 2) != EtherTypes.IPV4
        || (b.get(arp + 4) & 0xff) != 6 || (b.get(arp + 5) & 0xff) != 4) {
      return false;
    }
    int operation = u16(b, arp + 6);
    long sender = IpAddresses.ipv4Lo(b.getInt(arp + 14));
    long target = IpAddresses.ipv4Lo(b.getInt(arp + 24));
    boolean reply = operation == 2;
    kind = KIND_ARP;
    aHi = 0;
    bHi = 0;
    aLo = reply ? target : sender;
    bLo = reply ? sender : target;
    fromA = !reply;
    return true;
  }

  private boolean readLayer2(DecodedPacket p, int frameOffset, int capturedEnd) {
    if (p.linkType() != LINKTYPE_ETHERNET || p.isMalformed() || frameOffset + 14 > capturedEnd) {
      return false;
    }
    ByteBuffer b = p.buffer();
    long dst = mac(b, frameOffset);
    long src = mac(b, frameOffset + 6);
    int type = p.etherType();
    if (type == 0) { // IEEE 802.3 length field: LLC, keyed by its DSAP
      type = frameOffset + 15 <= capturedEnd ? b.get(frameOffset + 14) & 0xff : 0;
    }
    kind = KIND_L2;
    fromA = Long.compareUnsigned(src, dst) <= 0;
    aHi = 0;
    bHi = 0;
    aLo = fromA ? src : dst;
    bLo = fromA ? dst : src;
    aPort = type;
    bPort = type;
    return true;
  }

  private static long mac(ByteBuffer b, int at) {
    return ((long) u16(b, at) << 32) | (b.getInt(at + 2) & 0xffffffffL);
  }

  private static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xffff;
  }
}

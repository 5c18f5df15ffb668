package io.watchfloor.protocol.pcap;

/**
 * Link-layer header types (LINKTYPE_* values) as registered at
 * https://www.tcpdump.org/linktypes.html and in draft-ietf-opsawg-pcaplinktype.
 * Only the types the decoder understands are named; any other value is carried through as is.
 */
public final class LinkTypes {

  /** BSD loopback: 4-byte address family in the writing host's byte order. */
  public static final int NULL = 0;
  /** IEEE 802.3 Ethernet (Ethernet II and 802.3 length frames). */
  public static final int ETHERNET = 1;
  /** Raw IP; the version nibble says IPv4 or IPv6. */
  public static final int RAW = 101;
  /** OpenBSD loopback: 4-byte address family in network byte order. */
  public static final int LOOP = 108;
  /** Linux "cooked" capture, version 1 (16-byte header). */
  public static final int LINUX_SLL = 113;
  /** Raw IPv4. */
  public static final int IPV4 = 228;
  /** Raw IPv6. */
  public static final int IPV6 = 229;
  /** Linux "cooked" capture, version 2 (20-byte header). */
  public static final int LINUX_SLL2 = 276;

  /** The link type field of a pcap header uses 16 bits for the type; the rest is FCS info. */
  static final int LINK_TYPE_MASK = 0xffff;

  private LinkTypes() {}

  /** Short lowercase name for logs and reports, or {@code "linktype-N"} for others. */
  public static String name(int linkType) {
    switch (linkType) {
      case NULL: return "null";
      case ETHERNET: return "ether";
      case RAW: return "raw";
      case LOOP: return "loop";
      case LINUX_SLL: return "linux-sll";
      case IPV4: return "ipv4";
      case IPV6: return "ipv6";
      case LINUX_SLL2: return "linux-sll2";
      default: return "linktype-" + linkType;
    }
  }
}

package io.watchfloor.protocol.decode;

import java.util.Locale;

/**
 * The first problem the decoder found in a packet. Ids are stable: they appear in alerts and
 * metrics. ICMP unknown type/code follow Suricata's decoder events of the same names.
 */
public enum Malformation {
  NONE("no problem found"),
  INVALID_BUFFER_RANGE("offset or length outside the buffer"),
  TRUNCATED_LINK("frame shorter than its link-layer header"),
  UNSUPPORTED_LINK_TYPE("link type the decoder does not understand"),
  TOO_MANY_VLAN_TAGS("more stacked VLAN tags than any real network uses"),
  TRUNCATED_IPV4("frame shorter than the IPv4 header or total length says"),
  BAD_IPV4_HEADER_LENGTH("IPv4 header length below 20 bytes"),
  BAD_IPV4_TOTAL_LENGTH("IPv4 total length smaller than its header length"),
  BAD_IPV4_CHECKSUM("IPv4 header checksum does not verify (a zero checksum is not flagged)"),
  BAD_IP_VERSION("IP version nibble does not match the link layer's protocol"),
  TRUNCATED_IPV6("frame shorter than the IPv6 header or payload length says"),
  BAD_IPV6_EXTENSION_HEADER("IPv6 extension header misplaced, too many, or past the payload"),
  TRUNCATED_TCP("IP payload shorter than the 20-byte TCP header"),
  BAD_TCP_HEADER_LENGTH("TCP data offset below 5 words or past the segment"),
  BAD_TCP_OPTION("TCP option with a length that is too short, too long or wrong for its kind"),
  ILLEGAL_TCP_FLAGS("TCP flag combination no conforming stack sends"),
  TRUNCATED_UDP("IP payload shorter than the 8-byte UDP header"),
  BAD_UDP_LENGTH("UDP length below 8 or beyond the IP payload"),
  TRUNCATED_ICMP("IP payload shorter than the 8-byte ICMP header"),
  ICMPV4_UNKNOWN_TYPE("ICMPv4 type not defined"),
  ICMPV4_UNKNOWN_CODE("ICMPv4 code not defined for its type"),
  ICMPV6_UNKNOWN_TYPE("ICMPv6 type not defined"),
  ICMPV6_UNKNOWN_CODE("ICMPv6 code not defined for its type");

  private final String description;
  private final String id;

  Malformation(String description) {
    this.description = description;
    this.id = name().toLowerCase(Locale.ROOT);
  }

  /** One line for humans. */
  public String description() {
    return description;
  }

  /** Stable snake_case identifier, e.g. {@code icmpv4_unknown_type}. */
  public String id() {
    return id;
  }
}

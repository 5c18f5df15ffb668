package io.watchfloor.models.detect;

import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.ip.IpAddresses;

/**
 * Where a peer address sits as far as the traffic detectors care: inside the organisation
 * (RFC 1918 and the other ranges {@link IpAddress#isPrivate()} covers), on the internet, or not a
 * single host at all (multicast, broadcast, unspecified), which no detector should call a peer.
 */
public enum AddressScope {
  INTERNAL,
  EXTERNAL,
  GROUP,
  UNKNOWN;

  private static final int IPV4_MULTICAST_FIRST_OCTET_MIN = 224;
  private static final int IPV6_MULTICAST_FIRST_BYTE = 0xff;

  /** The scope of {@code text}; UNKNOWN when it is not an IP address (ARP, unparsable). */
  public static AddressScope of(String text) {
    if (text == null || text.isEmpty()) {
      return UNKNOWN;
    }
    IpAddress ip;
    try {
      ip = IpAddress.parse(text);
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
    if ((ip.hi() | ip.lo()) == 0) {
      return GROUP;
    }
    if (ip.isIpv4()) {
      int v4 = IpAddresses.ipv4(ip.lo());
      int first = (v4 >>> 24) & 0xff;
      // 224/4 multicast, 240/4 reserved and 255.255.255.255 limited broadcast; 0/8 "this network".
      if (first >= IPV4_MULTICAST_FIRST_OCTET_MIN || first == 0) {
        return GROUP;
      }
    } else if ((ip.hi() >>> 56) == IPV6_MULTICAST_FIRST_BYTE) {
      return GROUP;
    }
    return ip.isPrivate() ? INTERNAL : EXTERNAL;
  }
}

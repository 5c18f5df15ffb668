package io.watchfloor.models.flow;

import io.watchfloor.protocol.ip.IpAddresses;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Community ID v1 (https://github.com/corelight/community-id-spec): SHA-1 over seed (2 bytes),
 * the two addresses, protocol (1 byte), one zero byte and, for TCP, UDP, SCTP, ICMP and ICMPv6,
 * the two ports (2 bytes each), everything big-endian, with the endpoints ordered so the smaller
 * address:port comes first; base64 of the digest after "1:". ICMP types map to "ports" as Zeek
 * does (type and counterpart type for request/reply pairs, else type and code, then no reordering).
 * Computed once per exported flow, so it may allocate.
 */
public final class CommunityId {

  static final int TCP = 6;
  static final int UDP = 17;
  static final int SCTP = 132;
  static final int ICMP = 1;
  static final int ICMPV6 = 58;

  /** ICMPv4 request/reply counterparts, pycommunityid icmp.py (from Zeek's ICMP4_counterpart). */
  private static final int[] ICMPV4_COUNTERPART = new int[256];
  /** ICMPv6 counterparts, pycommunityid icmp6.py (from Zeek's ICMP6_counterpart). */
  private static final int[] ICMPV6_COUNTERPART = new int[256];

  static {
    java.util.Arrays.fill(ICMPV4_COUNTERPART, -1);
    java.util.Arrays.fill(ICMPV6_COUNTERPART, -1);
    pair(ICMPV4_COUNTERPART, 8, 0);    // echo, echo reply
    pair(ICMPV4_COUNTERPART, 13, 14);  // timestamp
    pair(ICMPV4_COUNTERPART, 15, 16);  // information
    pair(ICMPV4_COUNTERPART, 10, 9);   // router solicitation, advertisement
    pair(ICMPV4_COUNTERPART, 17, 18);  // address mask
    pair(ICMPV6_COUNTERPART, 128, 129); // echo
    pair(ICMPV6_COUNTERPART, 130, 131); // MLD query, report
    pair(ICMPV6_COUNTERPART, 133, 134); // router solicitation, advertisement
    pair(ICMPV6_COUNTERPART, 135, 136); // neighbour solicitation, advertisement
    pair(ICMPV6_COUNTERPART, 139, 140); // node information query, response ("who are you")
    pair(ICMPV6_COUNTERPART, 144, 145); // home agent address discovery
  }

  private CommunityId() {}

  private static void pair(int[] table, int a, int b) {
    table[a] = b;
    table[b] = a;
  }

  /** The ICMP or ICMPv6 type answering {@code type}, or -1 when the message is one-way. */
  static int icmpCounterpart(int protocol, int type) {
    return (protocol == ICMPV6 ? ICMPV6_COUNTERPART : ICMPV4_COUNTERPART)[type & 0xff];
  }

  /**
   * @param protocol IP protocol number
   * @param srcPort source port; for ICMP and ICMPv6 the type
   * @param dstPort destination port; for ICMP and ICMPv6 the code
   * @return "1:..." or null when the two addresses are not of the same family
   */
  public static String v1(int seed, long srcHi, long srcLo, long dstHi, long dstLo, int protocol,
      int srcPort, int dstPort) {
    boolean v4 = IpAddresses.isIpv4(srcHi, srcLo);
    if (v4 != IpAddresses.isIpv4(dstHi, dstLo)) {
      return null;
    }
    boolean ported = protocol == TCP || protocol == UDP || protocol == SCTP;
    boolean icmp = protocol == ICMP || protocol == ICMPV6;
    boolean oneWay = false;
    int sp = srcPort & 0xffff;
    int dp = dstPort & 0xffff;
    if (icmp) {
      int counterpart = icmpCounterpart(protocol, srcPort);
      if (counterpart < 0) {
        oneWay = true;
        dp = dstPort & 0xffff;
      } else {
        dp = counterpart;
      }
      sp = srcPort & 0xff;
    }
    boolean hasPorts = ported || icmp;
    int order = compare(srcHi, srcLo, dstHi, dstLo);
    boolean swap = !oneWay && (order > 0 || (order == 0 && hasPorts && sp > dp));
    int addressBytes = v4 ? 4 : 16;
    byte[] input = new byte[2 + 2 * addressBytes + 2 + (hasPorts ? 4 : 0)];
    int at = 0;
    input[at++] = (byte) (seed >>> 8);
    input[at++] = (byte) seed;
    at = putAddress(input, at, swap ? dstHi : srcHi, swap ? dstLo : srcLo, v4);
    at = putAddress(input, at, swap ? srcHi : dstHi, swap ? srcLo : dstLo, v4);
    input[at++] = (byte) protocol;
    input[at++] = 0;
    if (hasPorts) {
      int first = swap ? dp : sp;
      int second = swap ? sp : dp;
      input[at++] = (byte) (first >>> 8);
      input[at++] = (byte) first;
      input[at++] = (byte) (second >>> 8);
      input[at] = (byte) second;
    }
    return "1:" + Base64.getEncoder().encodeToString(sha1().digest(input));
  }

  /** Unsigned comparison of two addresses as the byte strings that are hashed. */
  static int compare(long aHi, long aLo, long bHi, long bLo) {
    int hi = Long.compareUnsigned(aHi, bHi);
    return hi != 0 ? hi : Long.compareUnsigned(aLo, bLo);
  }

  private static int putAddress(byte[] out, int at, long hi, long lo, boolean v4) {
    if (v4) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        out[at++] = (byte) (lo >>> shift);
      }
      return at;
    }
    for (int shift = 56; shift >= 0; shift -= 8) {
      out[at++] = (byte) (hi >>> shift);
    }
    for (int shift = 56; shift >= 0; shift -= 8) {
      out[at++] = (byte) (lo >>> shift);
    }
    return at;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }
}

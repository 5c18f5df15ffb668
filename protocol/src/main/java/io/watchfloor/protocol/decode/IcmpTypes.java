package io.watchfloor.protocol.decode;

import java.util.Arrays;

/**
 * Which ICMP types and codes are defined. A type absent from the table is "unknown type"; a code
 * above the type's largest defined code is "unknown code".
 */
public final class IcmpTypes {

  private static final int UNKNOWN = -1;
  private static final int ANY_CODE = 255;

  /**
   * ICMPv4, exactly as Suricata's decode-icmpv4.c decides (so our counts match its
   * decoder.icmpv4.unknown_type / unknown_code events): echo reply/request (RFC 792), destination
   * unreachable codes 0-15 (RFC 792, RFC 1812 §5.2.7.1), source quench, redirect codes 0-3,
   * time exceeded codes 0-1, parameter problem code 0, timestamp, information and address mask
   * (RFC 950) messages with code 0. Router discovery (RFC 1256) and the deprecated types are
   * not in Suricata's list, so they count as unknown.
   */
  private static final int[] ICMPV4_MAX_CODE = new int[256];
  /** ICMPv6, from the IANA "ICMPv6 Parameters" registry (RFC 4443, 4861, 3810, 4286, 8335...). */
  private static final int[] ICMPV6_MAX_CODE = new int[256];

  static {
    Arrays.fill(ICMPV4_MAX_CODE, UNKNOWN);
    ICMPV4_MAX_CODE[0] = 0;   // echo reply
    ICMPV4_MAX_CODE[3] = 15;  // destination unreachable
    ICMPV4_MAX_CODE[4] = 0;   // source quench
    ICMPV4_MAX_CODE[5] = 3;   // redirect
    ICMPV4_MAX_CODE[8] = 0;   // echo request
    ICMPV4_MAX_CODE[11] = 1;  // time exceeded
    ICMPV4_MAX_CODE[12] = 0;  // parameter problem
    for (int type = 13; type <= 18; type++) {
      ICMPV4_MAX_CODE[type] = 0; // timestamp, information, address mask request/reply
    }

    Arrays.fill(ICMPV6_MAX_CODE, UNKNOWN);
    ICMPV6_MAX_CODE[1] = 8;   // destination unreachable (RFC 4443, RFC 8883)
    ICMPV6_MAX_CODE[2] = 0;   // packet too big
    ICMPV6_MAX_CODE[3] = 1;   // time exceeded
    ICMPV6_MAX_CODE[4] = 3;   // parameter problem (RFC 7112 adds code 3)
    ICMPV6_MAX_CODE[100] = ANY_CODE; // private experimentation
    ICMPV6_MAX_CODE[101] = ANY_CODE;
    for (int type = 128; type <= 153; type++) {
      ICMPV6_MAX_CODE[type] = 0; // echo, MLD, neighbour discovery, MLDv2, mobile, SEND ...
    }
    ICMPV6_MAX_CODE[138] = ANY_CODE; // router renumbering: codes 0, 1, 255
    ICMPV6_MAX_CODE[139] = 2;        // node information query
    ICMPV6_MAX_CODE[140] = 2;        // node information response
    ICMPV6_MAX_CODE[154] = 5;        // FMIPv6
    ICMPV6_MAX_CODE[155] = ANY_CODE; // RPL control
    ICMPV6_MAX_CODE[156] = 0;        // ILNPv6 locator update
    ICMPV6_MAX_CODE[157] = ANY_CODE; // duplicate address request
    ICMPV6_MAX_CODE[158] = ANY_CODE; // duplicate address confirmation
    ICMPV6_MAX_CODE[159] = 0;        // MPL control
    ICMPV6_MAX_CODE[160] = 0;        // extended echo request (RFC 8335)
    ICMPV6_MAX_CODE[161] = 4;        // extended echo reply
    ICMPV6_MAX_CODE[200] = ANY_CODE; // private experimentation
    ICMPV6_MAX_CODE[201] = ANY_CODE;
  }

  private IcmpTypes() {}

  /** {@link Malformation#NONE}, ICMPV4_UNKNOWN_TYPE or ICMPV4_UNKNOWN_CODE. */
  public static Malformation checkIcmpv4(int type, int code) {
    int max = ICMPV4_MAX_CODE[type & 0xff];
    if (max == UNKNOWN) {
      return Malformation.ICMPV4_UNKNOWN_TYPE;
    }
    return code > max ? Malformation.ICMPV4_UNKNOWN_CODE : Malformation.NONE;
  }

  /** {@link Malformation#NONE}, ICMPV6_UNKNOWN_TYPE or ICMPV6_UNKNOWN_CODE. */
  public static Malformation checkIcmpv6(int type, int code) {
    int max = ICMPV6_MAX_CODE[type & 0xff];
    if (max == UNKNOWN) {
      return Malformation.ICMPV6_UNKNOWN_TYPE;
    }
    return code > max ? Malformation.ICMPV6_UNKNOWN_CODE : Malformation.NONE;
  }
}

package io.watchfloor.protocol.ip;

/**
 * Static helpers over addresses carried as two longs {@code (hi, lo)} of a 128-bit value, so the
 * per-packet path never allocates. IPv4 is stored IPv4-mapped (RFC 4291 §2.5.5.2):
 * {@code hi = 0, lo = 0x0000_ffff_0000_0000L | (ipv4 & 0xffffffffL)}.
 */
public final class IpAddresses {

  /** The {@code ::ffff:0:0/96} prefix in the low word (RFC 4291 §2.5.5.2). */
  public static final long IPV4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;
  private static final long UPPER_32_BITS = 0xffff_ffff_0000_0000L;

  private IpAddresses() {}

  /** The low word of the IPv4-mapped form of {@code ipv4} (high word is 0). */
  public static long ipv4Lo(int ipv4) {
    return IPV4_MAPPED_PREFIX | (ipv4 & 0xffffffffL);
  }

  /** True when {@code (hi, lo)} is an IPv4-mapped address, i.e. an IPv4 address. */
  public static boolean isIpv4(long hi, long lo) {
    return hi == 0 && (lo & UPPER_32_BITS) == IPV4_MAPPED_PREFIX;
  }

  /** The IPv4 address in the low 32 bits; only meaningful when {@link #isIpv4} holds. */
  public static int ipv4(long lo) {
    return (int) lo;
  }

  /**
   * RFC 1918 private, loopback (127/8, ::1), link-local (169.254/16, fe80::/10), CGNAT shared
   * space (100.64/10, RFC 6598) and unique local (fc00::/7, RFC 4193) addresses.
   */
  public static boolean isPrivate(long hi, long lo) {
    if (isIpv4(hi, lo)) {
      int a = (int) (lo >>> 24) & 0xff;
      int b = (int) (lo >>> 16) & 0xff;
      return a == 10
          || a == 127
          || (a == 172 && (b & 0xf0) == 16)
          || (a == 192 && b == 168)
          || (a == 169 && b == 254)
          || (a == 100 && (b & 0xc0) == 64);
    }
    int firstGroup = (int) (hi >>> 48);
    return (hi == 0 && lo == 1)
        || (firstGroup & 0xffc0) == 0xfe80
        || (firstGroup & 0xfe00) == 0xfc00;
  }

  /** Dotted quad for IPv4-mapped addresses, RFC 5952 canonical text for IPv6. */
  public static String format(long hi, long lo) {
    StringBuilder text = new StringBuilder(39);
    if (isIpv4(hi, lo)) {
      return text.append((lo >>> 24) & 0xff).append('.').append((lo >>> 16) & 0xff).append('.')
          .append((lo >>> 8) & 0xff).append('.').append(lo & 0xff).toString();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
      groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
    }
    // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}

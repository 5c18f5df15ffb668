package io.watchfloor.protocol.ip;

/**
 * An IPv4 or IPv6 address as a 128-bit value; IPv4 is stored IPv4-mapped (see {@link
 * IpAddresses}). Parsing is purely syntactic: it never resolves host names.
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress> {

  private static final int IPV6_GROUPS = 8;
  private static final int MAX_GROUP_DIGITS = 4;

  /** The IPv4 address whose 32 bits, big-endian, are {@code ipv4}. */
  public static IpAddress ofIpv4(int ipv4) {
    return new IpAddress(0, IpAddresses.ipv4Lo(ipv4));
  }

  /**
   * Parses a dotted-quad IPv4 address (RFC 791; no leading zeros, which some parsers read as
   * octal) or an RFC 4291 §2.2 IPv6 address, including {@code ::} and a trailing dotted quad.
   *
   * @throws IllegalArgumentException with what was wrong, on anything else
   */
  public static IpAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("not an IP address: empty text");
    }
    if (text.indexOf(':') < 0) {
      return ofIpv4(parseIpv4(text, text));
    }
    return parseIpv6(text);
  }

  public boolean isIpv4() {
    return IpAddresses.isIpv4(hi, lo);
  }

  /** See {@link IpAddresses#isPrivate(long, long)}. */
  public boolean isPrivate() {
    return IpAddresses.isPrivate(hi, lo);
  }

  @Override
  public String toString() {
    return IpAddresses.format(hi, lo);
  }

  @Override
  public int compareTo(IpAddress other) {
    int byHigh = Long.compareUnsigned(hi, other.hi);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(lo, other.lo);
  }

  private static int parseIpv4(String text, String whole) {
    int value = 0;
    int parts = 0;
    int start = 0;
    while (true) {
      int dot = text.indexOf('.', start);
      int end = dot < 0 ? text.length() : dot;
      if (parts == 4) {
        throw bad(whole, "an IPv4 address has 4 dot-separated parts");
      }
      value = (value << 8) | parseOctet(text, start, end, whole);
      parts++;
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    if (parts != 4) {
      throw bad(whole, "an IPv4 address has 4 dot-separated parts, found " + parts);
    }
    return value;
  }

  private static int parseOctet(String text, int start, int end, String whole) {
    int length = end - start;
    if (length == 0) {
      throw bad(whole, "empty IPv4 part");
    }
    if (length > 3) {
      throw bad(whole, "IPv4 part '" + text.substring(start, end) + "' is longer than 3 digits");
    }
    if (length > 1 && text.charAt(start) == '0') {
      throw bad(whole, "IPv4 part '" + text.substring(start, end) + "' has a leading zero");
    }
    int octet = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw bad(whole, "unexpected character '" + c + "' in IPv4 part");
      }
      octet = octet * 10 + (c - '0');
    }
    if (octet > 255) {
      throw bad(whole, "IPv4 part " + octet + " is larger than 255");
    }
    return octet;
  }

  private static IpAddress parseIpv6(String text) {
    int[] groups = new int[IPV6_GROUPS];
    int count = 0;
    int gapAt = -1;
    int i = 0;
    int length = text.length();
    if (text.startsWith("::")) {
      gapAt = 0;
      i = 2;
    } else if (text.charAt(0) == ':') {
      throw bad(text, "a single leading ':' is not allowed");
    }
    while (i < length) {
      if (count == IPV6_GROUPS) {
        throw bad(text, "more than 8 groups");
      }
      int end = i;
      while (end < length && text.charAt(end) != ':' && text.charAt(end) != '.') {
        end++;
      }
      if (end < length && text.charAt(end) == '.') {
        // trailing dotted quad fills the last two groups (RFC 4291 §2.2 form 3)
        if (count > IPV6_GROUPS - 2) {
          throw bad(text, "no room for an embedded IPv4 address");
        }
        int ipv4 = parseIpv4(text.substring(i), text);
        groups[count++] = ipv4 >>> 16;
        groups[count++] = ipv4 & 0xffff;
        i = length;
        break;
      }
      groups[count++] = parseGroup(text, i, end);
      i = end;
      if (i < length) {
        // at a ':'
        if (i + 1 < length && text.charAt(i + 1) == ':') {
          if (gapAt >= 0) {
            throw bad(text, "'::' may appear only once");
          }
          gapAt = count;
          i += 2;
        } else if (i + 1 == length) {
          throw bad(text, "a single trailing ':' is not allowed");
        } else {
          i++;
        }
      }
    }
    if (gapAt < 0 && count != IPV6_GROUPS) {
      throw bad(text, "an IPv6 address without '::' has 8 groups, found " + count);
    }
    if (gapAt >= 0 && count == IPV6_GROUPS) {
      throw bad(text, "'::' must stand for at least one zero group");
    }
    int[] full = new int[IPV6_GROUPS];
    int tail = count - Math.max(gapAt, 0);
    if (gapAt < 0) {
      System.arraycopy(groups, 0, full, 0, IPV6_GROUPS);
    } else {
      System.arraycopy(groups, 0, full, 0, gapAt);
      System.arraycopy(groups, gapAt, full, IPV6_GROUPS - tail, tail);
    }
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | full[g];
      lo = (lo << 16) | full[g + 4];
    }
    return new IpAddress(hi, lo);
  }

  private static int parseGroup(String text, int start, int end) {
    if (end == start) {
      throw bad(text, "empty group");
    }
    if (end - start > MAX_GROUP_DIGITS) {
      throw bad(text, "group '" + text.substring(start, end) + "' has more than 4 hex digits");
    }
    int value = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      // ASCII only: Character.digit would also accept other scripts' digits
      int digit = c < 0x80 ? Character.digit(c, 16) : -1;
      if (digit < 0) {
        throw bad(text, "unexpected character '" + text.charAt(i) + "'");
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("not an IP address: '" + text + "': " + why);
  }
}

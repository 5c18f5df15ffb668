package io.watchfloor.protocol.ip;

/**
 * A CIDR prefix such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. IPv4 prefixes are held as
 * IPv4-mapped IPv6 prefixes (length + 96), so one comparison serves both families. Host bits set in
 * the text ({@code 10.1.2.3/8}) are rejected: they usually mean a typo.
 */
public record IpPrefix(IpAddress network, int length) {

  public IpPrefix {
    if (length < 0 || length > 128) {
      throw new IllegalArgumentException("prefix length must be 0-128, was " + length);
    }
  }

  /**
   * Parses {@code address/length}; a bare address is a /32 (IPv4) or /128 (IPv6).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static IpPrefix parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("not a CIDR prefix: empty text");
    }
    String t = text.strip();
    int slash = t.indexOf('/');
    IpAddress address = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
    int max = address.isIpv4() ? 32 : 128;
    int length = max;
    if (slash >= 0) {
      String bits = t.substring(slash + 1);
      if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not a CIDR prefix: '" + text + "' (bad length after /)");
      }
      length = Integer.parseInt(bits);
      if (length > max) {
        throw new IllegalArgumentException(
            "not a CIDR prefix: '" + text + "' (an IPv" + (max == 32 ? 4 : 6)
                + " prefix is at most /" + max + ")");
      }
    }
    int mapped = address.isIpv4() ? length + 96 : length;
    IpPrefix prefix = new IpPrefix(address, mapped);
    if (maskHi(mapped, address.hi()) != address.hi() || maskLo(mapped, address.lo()) != address.lo()) {
      throw new IllegalArgumentException(
          "not a CIDR prefix: '" + text + "' has host bits set beyond /" + length);
    }
    return prefix;
  }

  /** Whether the address (as {@link IpAddresses} hi/lo) lies in this prefix. */
  public boolean contains(long hi, long lo) {
    return maskHi(length, hi) == maskHi(length, network.hi())
        && maskLo(length, lo) == maskLo(length, network.lo());
  }

  public boolean contains(IpAddress address) {
    return contains(address.hi(), address.lo());
  }

  /**
   * Whether {@code text} is a literal IP address inside this prefix; false for anything else (empty,
   * a name, a malformed address): labels and config values are not always addresses.
   */
  public boolean containsLiteral(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    try {
      return contains(IpAddress.parse(text));
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }

  private static long maskHi(int length, long hi) {
    if (length >= 64) {
      return hi;
    }
    return length == 0 ? 0 : hi & (-1L << (64 - length));
  }

  private static long maskLo(int length, long lo) {
    if (length <= 64) {
      return 0;
    }
    return length == 128 ? lo : lo & (-1L << (128 - length));
  }

  @Override
  public String toString() {
    boolean v4 = network.isIpv4() && length >= 96;
    return network + "/" + (v4 ? length - 96 : length);
  }
}

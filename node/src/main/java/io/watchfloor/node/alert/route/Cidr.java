package io.watchfloor.node.alert.route;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network such as {@code 10.1.0.0/16}; tells whether an address lies inside it. */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** Parses {@code ADDRESS/PREFIX}; only literal addresses, never a DNS name. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a CIDR network (ADDRESS/PREFIX)");
    }
    byte[] address = literal(text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("'" + text + "' does not start with an IP address");
    }
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
    }
    if (prefix < 0 || prefix > address.length * 8) {
      throw new IllegalArgumentException(
          "'" + text + "': prefix length must be 0-" + address.length * 8 + ", was " + prefix);
    }
    return new Cidr(address, prefix, text);
  }

  /** True when {@code address} (a literal IP) is inside; false for anything else. */
  public boolean contains(String address) {
    byte[] a = address == null ? null : literal(address);
    if (a == null || a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  private static byte[] literal(String s) {
    boolean looksLikeIp = s.matches("[0-9.]+") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    if (!looksLikeIp) {
      return null; // never resolve names
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}

package io.watchfloor.loadtest;

/** Dotted-quad IPv4 addresses as {@code int}s, the form {@link FrameBuilder} takes. */
public final class Ipv4 {

  private Ipv4() {}

  public static int parse(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("expected a dotted-quad IPv4 address, found " + dotted);
    }
    int address = 0;
    for (String part : parts) {
      int octet = Integer.parseInt(part);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("IPv4 octet must be in [0, 255], found " + dotted);
      }
      address = (address << 8) | octet;
    }
    return address;
  }

  public static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff)
        + "." + (address & 0xff);
  }

  /** 10.0.0.0/8 is the demo site; everything else is the Internet. */
  static boolean isInternal(int address) {
    return (address >>> 24) == 10;
  }
}

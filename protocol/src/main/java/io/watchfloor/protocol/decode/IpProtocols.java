package io.watchfloor.protocol.decode;

/** IANA "Assigned Internet Protocol Numbers" the decoder acts on. Others pass through. */
public final class IpProtocols {

  public static final int HOPOPT = 0;
  public static final int ICMP = 1;
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int IPV6_ROUTING = 43;
  public static final int IPV6_FRAGMENT = 44;
  public static final int ESP = 50;
  public static final int AH = 51;
  public static final int ICMPV6 = 58;
  public static final int IPV6_NO_NEXT_HEADER = 59;
  public static final int IPV6_DEST_OPTIONS = 60;
  public static final int MOBILITY = 135;

  private IpProtocols() {}
}

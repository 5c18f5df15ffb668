package io.watchfloor.protocol.decode;

/** EtherType values (IEEE 802 numbers registry) the decoder acts on. Others pass through. */
public final class EtherTypes {

  public static final int IPV4 = 0x0800;
  public static final int ARP = 0x0806;
  /** IEEE 802.1Q customer VLAN tag. */
  public static final int VLAN = 0x8100;
  public static final int IPV6 = 0x86dd;
  /** IEEE 802.1ad service VLAN tag (QinQ outer tag). */
  public static final int QINQ = 0x88a8;
  /** Pre-standard QinQ outer tag used by some vendors. */
  public static final int QINQ_LEGACY = 0x9100;
  /** Values up to 1500 are IEEE 802.3 lengths; EtherTypes start at 0x0600 (IEEE 802.3 §3.2.6). */
  public static final int MIN_ETHERTYPE = 0x0600;

  private EtherTypes() {}
}

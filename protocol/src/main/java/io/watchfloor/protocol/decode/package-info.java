/**
 * Allocation-free, flyweight packet decoder: link layer to transport header.
 *
 * <p>Link layers: Ethernet II and IEEE 802.3 length frames, IEEE 802.1Q VLAN and 802.1ad
 * (QinQ) tags, Linux cooked capture v1/v2, raw IP, BSD loopback. Network layer: IPv4 (RFC 791,
 * RFC 6864), IPv6 (RFC 8200) with its extension headers, AH (RFC 4302). Transport: TCP
 * (RFC 9293, ECN flags RFC 3168), UDP (RFC 768), ICMPv4 (RFC 792, RFC 950), ICMPv6 (RFC 4443,
 * RFC 4861). ARP (RFC 826) is recognised by EtherType only.
 *
 * <p>{@link io.watchfloor.protocol.decode.PacketDecoder#decode} never throws: bytes that do not
 * make sense yield a {@link io.watchfloor.protocol.decode.Malformation}, the first problem found.
 */
package io.watchfloor.protocol.decode;

package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.FrameBuilder;

/**
 * One packet to build, held until its turn in timestamp order. {@code payload} is shared; only
 * {@code [offset, offset + length)} is sent. A non-{@link Damage#NONE} packet is built correctly and
 * then damaged, the way a broken or hostile stack would send it.
 */
record SynthPacket(long tsMicros, int protocol, int srcIp, int dstIp, int srcPort, int dstPort,
    long seq, long ack, int flags, byte[] payload, int offset, int length, Damage damage) {

  static final int TCP = 6;
  static final int UDP = 17;

  /** How a malformed packet is broken; each is one the decoder rejects as "hard". */
  enum Damage {
    NONE,
    /** TCP data offset of 2 words: below the 5-word minimum (RFC 9293 §3.1). */
    TCP_HEADER_LENGTH,
    /** IPv4 header checksum off by one (RFC 791). */
    IPV4_CHECKSUM,
    /** UDP length field larger than the datagram (RFC 768). */
    UDP_LENGTH
  }

  private static final int IPV4_OFFSET = 14;
  private static final int TRANSPORT_OFFSET = IPV4_OFFSET + 20;

  /** Builds the frame into {@code frames}; returns its length. */
  int build(FrameBuilder frames) {
    int length = protocol == TCP
        ? frames.tcp(srcIp, dstIp, srcPort, dstPort, seq, ack, flags, payload, offset, this.length)
        : frames.udp(srcIp, dstIp, srcPort, dstPort, payload, offset, this.length);
    byte[] f = frames.frame();
    switch (damage) {
      case TCP_HEADER_LENGTH -> f[TRANSPORT_OFFSET + 12] = (byte) (2 << 4);
      case IPV4_CHECKSUM -> f[IPV4_OFFSET + 11] ^= 1;
      case UDP_LENGTH -> {
        f[TRANSPORT_OFFSET + 4] = (byte) 0x05;
        f[TRANSPORT_OFFSET + 5] = (byte) 0xdc;
      }
      case NONE -> { }
    }
    return length;
  }
}

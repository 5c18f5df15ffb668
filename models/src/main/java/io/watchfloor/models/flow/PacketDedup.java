package io.watchfloor.models.flow;

import io.watchfloor.protocol.decode.DecodedPacket;
import java.nio.ByteBuffer;

/**
 * Recognises a packet captured twice within a short window (a SPAN port copying both directions of
 * a link, two taps on one path). The fingerprint covers what does not change in transit: the IP
 * addresses, protocol, lengths, IPv4 identification and fragment field (IPv6: flow label), not the
 * TTL/hop limit, TOS/traffic class or header checksum; then the transport header and the first
 * {@value #PAYLOAD_BYTES} payload bytes. A real retransmission differs in its IP identification,
 * TCP timestamp or arrives later than the window.
 *
 * <p>Fingerprints live in a set-associative table of primitive arrays ({@value #WAYS} ways); an old
 * entry is simply overwritten, so memory is fixed and nothing is allocated per packet.
 */
public final class PacketDedup {

  static final int PAYLOAD_BYTES = 16;
  /** Transport header bytes hashed: TCP without options is 20, UDP and ICMP 8. */
  static final int TRANSPORT_HEADER_BYTES = 20;
  static final int WAYS = 4;
  static final int SETS = 1 << 14;

  private final long windowNanos;
  private final long[] fingerprints = new long[SETS * WAYS];
  private final long[] seenAt = new long[SETS * WAYS];
  private long duplicates;

  public PacketDedup(long windowNanos) {
    this.windowNanos = windowNanos;
    java.util.Arrays.fill(seenAt, Long.MIN_VALUE);
  }

  /** True when {@code p} repeats a packet seen within the window; it is then counted. */
  public boolean isDuplicate(DecodedPacket p) {
    if (p.ipVersion() == 0 || p.networkOffset() < 0) {
      return false;
    }
    long fingerprint = fingerprint(p);
    long now = p.timestampNanos();
    int base = (int) (mix(fingerprint) & (SETS - 1)) * WAYS;
    int oldest = base;
    for (int i = base; i < base + WAYS; i++) {
      if (fingerprints[i] == fingerprint && seenAt[i] != Long.MIN_VALUE
          && Math.abs(now - seenAt[i]) <= windowNanos) {
        duplicates++;
        return true;
      }
      if (seenAt[i] < seenAt[oldest]) {
        oldest = i;
      }
    }
    fingerprints[oldest] = fingerprint;
    seenAt[oldest] = now;
    return false;
  }

  public long duplicates() {
    return duplicates;
  }

  static long fingerprint(DecodedPacket p) {
    ByteBuffer b = p.buffer();
    int ip = p.networkOffset();
    long h = 0x9E3779B97F4A7C15L ^ p.wireLength();
    h = step(h, p.srcHi());
    h = step(h, p.srcLo());
    h = step(h, p.dstHi());
    h = step(h, p.dstLo());
    h = step(h, p.ipProtocol());
    int end = p.payloadOffset() + Math.min(p.payloadLength(), PAYLOAD_BYTES);
    int limit = b.limit();
    int transport;
    if (p.ipVersion() == 4) {
      if (ip + 8 > limit) {
        return h;
      }
      h = step(h, b.getLong(ip) & 0x0000_ffff_ffff_ffffL); // total length, id, flags+offset (not TOS)
      transport = ip + (b.get(ip) & 0x0f) * 4;
    } else {
      if (ip + 8 > limit) {
        return h;
      }
      h = step(h, b.getLong(ip) & 0x000f_ffff_ffff_ff00L); // flow label, payload length, next header
      transport = ip + 40;
    }
    int headerEnd = Math.min(p.payloadOffset(), transport + TRANSPORT_HEADER_BYTES);
    for (int i = transport; i < headerEnd && i < limit; i++) {
      h = step(h, b.get(i));
    }
    for (int i = Math.max(p.payloadOffset(), transport); i < end && i < limit; i++) {
      h = step(h, b.get(i));
    }
    return h;
  }

  private static long step(long h, long v) {
    return (h ^ v) * 0x100000001B3L + 0x632BE59BD9B4E019L;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}

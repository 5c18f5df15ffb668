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
  static final int SETS = 1 << 12;

  private final long windowNanos;
  /** Per set, WAYS pairs of (fingerprint, seen at): one set is one 64-byte cache line. */
  private final long[] table = new long[SETS * WAYS * 2];
  private long duplicates;

  public PacketDedup(long windowNanos) {
    this.windowNanos = windowNanos;
    for (int i = 1; i < table.length; i += 2) {
      table[i] = Long.MIN_VALUE;
    }
  }

  /** True when {@code p} repeats a packet seen within the window; it is then counted. */
  public boolean isDuplicate(DecodedPacket p) {
    if (p.ipVersion() == 0 || p.networkOffset() < 0) {
      return false;
    }
    long fingerprint = fingerprint(p);
    long now = p.timestampNanos();
    int base = (int) (mix(fingerprint) & (SETS - 1)) * WAYS * 2;
    int oldest = base;
    for (int i = base; i < base + WAYS * 2; i += 2) {
      long seenAt = table[i + 1];
      if (table[i] == fingerprint && seenAt != Long.MIN_VALUE && Math.abs(now - seenAt) <= windowNanos) {
        duplicates++;
        return true;
      }
      if (seenAt < table[oldest + 1]) {
        oldest = i;
      }
    }
    table[oldest] = fingerprint;
    table[oldest + 1] = now;
    return false;
  }

  public long duplicates() {
    return duplicates;
  }

  static long fingerprint(DecodedPacket p) {
    ByteBuffer b = p.buffer();
    int ip = p.networkOffset();
    long h = 0x9E3779B97F4A7C15L ^ p.wireLength();
    h = step(h, p.srcHi() ^ Long.rotateLeft(p.srcLo(), 17));
    h = step(h, p.dstHi() ^ Long.rotateLeft(p.dstLo(), 29) ^ p.ipProtocol());
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
    int headerEnd = Math.min(Math.min(p.payloadOffset(), transport + TRANSPORT_HEADER_BYTES), limit);
    h = region(b, h, transport, headerEnd);
    int payload = Math.max(p.payloadOffset(), transport);
    int end = Math.min(payload + Math.min(p.payloadLength(), PAYLOAD_BYTES), limit);
    return region(b, h, payload, end);
  }

  /** Hashes [from, to) eight bytes at a time, the tail byte by byte. */
  private static long region(ByteBuffer b, long h, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = step(h, b.getLong(i));
    }
    for (; i < to; i++) {
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

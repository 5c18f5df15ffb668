package io.watchfloor.models.flow;

import java.util.Arrays;

/**
 * Remembers, per fragmented datagram (source, destination, IP identification, protocol), the ports
 * its first fragment carried, so that later fragments (which have no transport header) join the
 * same flow; and the byte ranges seen so far, to count fragments that overlap (RFC 5722 forbids
 * them in IPv6; in IPv4 they are the classic IDS-evasion trick, RFC 1858).
 *
 * <p>Bounded: a set-associative table of primitive arrays; an entry older than {@link
 * #TIMEOUT_NANOS} or the oldest of its set is overwritten. A later fragment that arrives before its
 * first fragment finds nothing and is counted portless.
 */
public final class FragmentTracker {

  /** Linux's ipfrag_time default; RFC 791 suggests a 15 s reassembly timer as the lower bound. */
  static final long TIMEOUT_NANOS = 30_000_000_000L;
  static final int WAYS = 4;
  static final int SETS = 1 << 10;
  /** Disjoint byte ranges remembered per datagram; in-order fragments merge into one. */
  static final int RANGES = 4;

  private final long[] keys = new long[SETS * WAYS * 2];
  private final long[] seenAt = new long[SETS * WAYS];
  private final long[] ports = new long[SETS * WAYS];
  private final int[] rangeStart = new int[SETS * WAYS * RANGES];
  private final int[] rangeEnd = new int[SETS * WAYS * RANGES];
  private long overlapping;

  public FragmentTracker() {
    Arrays.fill(seenAt, Long.MIN_VALUE);
  }

  /**
   * Records one fragment.
   *
   * @param addressHash hash of source and destination address (direction included)
   * @param id IP identification (IPv6: the 32-bit fragment identification)
   * @param firstPorts for the first fragment (offset 0) the value to remember (ports), else ignored
   * @param start fragment offset in bytes
   * @param end offset of the byte after the fragment
   * @return the value stored by the datagram's first fragment, or -1 when unknown
   */
  public long record(long addressHash, int protocol, int id, boolean first, long firstPorts,
      int start, int end, long now) {
    long k0 = addressHash;
    long k1 = ((long) protocol << 32) | (id & 0xffffffffL);
    int base = (int) (PacketDedup.mix(k0 * 31 + k1) & (SETS - 1)) * WAYS;
    int slot = -1;
    int oldest = base;
    for (int i = base; i < base + WAYS; i++) {
      if (seenAt[i] != Long.MIN_VALUE && keys[2 * i] == k0 && keys[2 * i + 1] == k1
          && now - seenAt[i] <= TIMEOUT_NANOS) {
        slot = i;
        break;
      }
      if (seenAt[i] < seenAt[oldest]) {
        oldest = i;
      }
    }
    if (slot < 0) {
      slot = oldest;
      keys[2 * slot] = k0;
      keys[2 * slot + 1] = k1;
      ports[slot] = -1;
      Arrays.fill(rangeStart, slot * RANGES, slot * RANGES + RANGES, -1);
    }
    seenAt[slot] = now;
    if (first) {
      ports[slot] = firstPorts;
    }
    addRange(slot, start, Math.max(start, end));
    return ports[slot];
  }

  public long overlapping() {
    return overlapping;
  }

  private void addRange(int slot, int start, int end) {
    int from = slot * RANGES;
    boolean overlaps = false;
    int free = -1;
    for (int r = from; r < from + RANGES; r++) {
      if (rangeStart[r] < 0) {
        free = free < 0 ? r : free;
        continue;
      }
      if (start < rangeEnd[r] && end > rangeStart[r]) {
        overlaps = true;
      }
    }
    if (overlaps) {
      overlapping++;
    }
    // merge every range touching [start, end) into it, then store it
    for (int r = from; r < from + RANGES; r++) {
      if (rangeStart[r] >= 0 && start <= rangeEnd[r] && end >= rangeStart[r]) {
        start = Math.min(start, rangeStart[r]);
        end = Math.max(end, rangeEnd[r]);
        rangeStart[r] = -1;
        free = free < 0 || r < free ? r : free;
      }
    }
    if (free < 0) {
      free = from; // too many holes: forget the first range rather than grow
    }
    rangeStart[free] = start;
    rangeEnd[free] = end;
  }
}

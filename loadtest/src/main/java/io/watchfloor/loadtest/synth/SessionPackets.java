package io.watchfloor.loadtest.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The packets of one session (a DNS lookup, a TCP connection, an attack burst), added in any order
 * and handed out sorted by time; equal timestamps keep the order they were added in.
 */
final class SessionPackets {

  static final byte[] EMPTY = new byte[0];
  private static final Comparator<SynthPacket> BY_TIME =
      Comparator.comparingLong(SynthPacket::tsMicros);

  private final List<SynthPacket> packets = new ArrayList<>();

  void tcp(long ts, int src, int srcPort, int dst, int dstPort, long seq, long ack, int flags) {
    tcp(ts, src, srcPort, dst, dstPort, seq, ack, flags, EMPTY, 0, 0);
  }

  void tcp(long ts, int src, int srcPort, int dst, int dstPort, long seq, long ack, int flags,
      byte[] payload, int offset, int length) {
    packets.add(new SynthPacket(ts, SynthPacket.TCP, src, dst, srcPort, dstPort,
        seq & 0xffffffffL, ack & 0xffffffffL, flags, payload, offset, length,
        SynthPacket.Damage.NONE));
  }

  void udp(long ts, int src, int srcPort, int dst, int dstPort, byte[] payload) {
    packets.add(new SynthPacket(ts, SynthPacket.UDP, src, dst, srcPort, dstPort, 0, 0, 0,
        payload, 0, payload.length, SynthPacket.Damage.NONE));
  }

  void add(SynthPacket p) {
    packets.add(p);
  }

  boolean isEmpty() {
    return packets.isEmpty();
  }

  int size() {
    return packets.size();
  }

  long firstMicros() {
    return packets.stream().mapToLong(SynthPacket::tsMicros).min().orElse(Long.MAX_VALUE);
  }

  long lastMicros() {
    return packets.stream().mapToLong(SynthPacket::tsMicros).max().orElse(Long.MIN_VALUE);
  }

  /** The packets so far in time order (stable); the buffer is emptied. */
  List<SynthPacket> drainSorted() {
    List<SynthPacket> sorted = new ArrayList<>(packets);
    sorted.sort(BY_TIME);
    packets.clear();
    return sorted;
  }
}

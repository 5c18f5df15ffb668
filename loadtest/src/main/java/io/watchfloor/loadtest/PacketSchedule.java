package io.watchfloor.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packets of many interleaved conversations, collected in any order and written in timestamp
 * order. Equal timestamps keep the order they were added in, so output is deterministic.
 */
final class PacketSchedule {

  private static final Comparator<Packet> BY_TIME =
      Comparator.comparingLong(Packet::tsMicros).thenComparingLong(Packet::order);

  /** One packet to build; {@code payload} is shared, only {@code [offset, offset+length)} is sent. */
  record Packet(long tsMicros, long order, int protocol, int srcIp, int dstIp, int srcPort,
      int dstPort, long seq, long ack, int flags, byte[] payload, int offset, int length) {}

  private static final byte[] EMPTY = new byte[0];

  private final List<Packet> packets = new ArrayList<>();

  void tcp(long tsMicros, int srcIp, int srcPort, int dstIp, int dstPort, long seq, long ack,
      int flags) {
    tcp(tsMicros, srcIp, srcPort, dstIp, dstPort, seq, ack, flags, EMPTY, 0, 0);
  }

  void tcp(long tsMicros, int srcIp, int srcPort, int dstIp, int dstPort, long seq, long ack,
      int flags, byte[] payload, int offset, int length) {
    packets.add(new Packet(tsMicros, packets.size(), FrameBuilder.PROTOCOL_TCP, srcIp, dstIp,
        srcPort, dstPort, seq & 0xffffffffL, ack & 0xffffffffL, flags, payload, offset, length));
  }

  void udp(long tsMicros, int srcIp, int srcPort, int dstIp, int dstPort, byte[] payload) {
    packets.add(new Packet(tsMicros, packets.size(), FrameBuilder.PROTOCOL_UDP, srcIp, dstIp,
        srcPort, dstPort, 0, 0, 0, payload, 0, payload.length));
  }

  /**
   * ICMPv4 message; {@code type}/{@code code} travel in the port fields of {@link Packet} and the
   * rest of header in {@code seq}.
   */
  void icmp(long tsMicros, int srcIp, int dstIp, int type, int code, int restOfHeader,
      byte[] payload, int offset, int length) {
    packets.add(new Packet(tsMicros, packets.size(), FrameBuilder.PROTOCOL_ICMP, srcIp, dstIp,
        type, code, restOfHeader & 0xffffffffL, 0, 0, payload, offset, length));
  }

  int size() {
    return packets.size();
  }

  /** Returns the packets collected so far in timestamp order and forgets them. */
  List<Packet> drainSorted() {
    List<Packet> sorted = new ArrayList<>(packets);
    sorted.sort(BY_TIME);
    packets.clear();
    return sorted;
  }

  /** Builds {@code p} into {@code frames}; returns the frame length. */
  static int build(FrameBuilder frames, Packet p) {
    switch (p.protocol()) {
      case FrameBuilder.PROTOCOL_TCP:
        return frames.tcp(p.srcIp(), p.dstIp(), p.srcPort(), p.dstPort(), p.seq(), p.ack(),
            p.flags(), p.payload(), p.offset(), p.length());
      case FrameBuilder.PROTOCOL_UDP:
        return frames.udp(p.srcIp(), p.dstIp(), p.srcPort(), p.dstPort(),
            p.payload(), p.offset(), p.length());
      case FrameBuilder.PROTOCOL_ICMP:
        return frames.icmp(p.srcIp(), p.dstIp(), p.srcPort(), p.dstPort(), (int) p.seq(),
            p.payload(), p.offset(), p.length());
      default:
        throw new IllegalStateException("no frame builder for IP protocol " + p.protocol());
    }
  }

  /** Sorts by time and writes every packet; returns the number written. */
  long writeTo(Path pcap) throws IOException {
    List<Packet> sorted = new ArrayList<>(packets);
    sorted.sort(BY_TIME);
    FrameBuilder frames = new FrameBuilder();
    try (PcapWriter writer = PcapWriter.create(pcap)) {
      for (Packet p : sorted) {
        int length = build(frames, p);
        writer.writePacket(p.tsMicros(), frames.frame(), length);
      }
      return writer.packets();
    }
  }
}

package io.watchfloor.loadtest.synth;

import io.watchfloor.loadtest.Ipv4;
import io.watchfloor.loadtest.FrameBuilder;
import io.watchfloor.loadtest.PcapWriter;
import io.watchfloor.protocol.decode.TcpFlags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The same traffic as NetFlow v9 (RFC 3954), as a router at the site's edge would export it: one
 * unidirectional record per (source, destination, ports, protocol) of each session, exported when
 * the session's last packet has passed, in datagrams of up to {@value #RECORDS_PER_DATAGRAM}
 * records, the template first and again every {@value #TEMPLATE_EVERY} datagrams. The datagrams
 * are written as a pcap of UDP packets from the exporter to a collector on port 2055, so the file
 * can be replayed onto a live collector or read back by the protocol module's decoders.
 */
final class NetflowV9Export implements AutoCloseable {

  static final int EXPORTER = Ipv4.parse("10.0.0.254");
  static final int COLLECTOR = Ipv4.parse("10.0.0.253");
  static final int PORT = 2055;
  static final int TEMPLATE_ID = 256;
  static final int RECORDS_PER_DATAGRAM = 40;
  static final int TEMPLATE_EVERY = 20;
  /** Field type and length pairs (RFC 3954 §8). */
  private static final int[][] FIELDS = {
      {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {2, 4}, {1, 4}, {22, 4}, {21, 4}};
  private static final int RECORD_LENGTH = 30;
  private static final int HEADER_LENGTH = 20;
  private static final int TEMPLATE_FLOWSET_LENGTH = 4 + 4 + 4 * FIELDS.length;

  private record Flow(int src, int dst, int srcPort, int dstPort, int protocol, int flags,
      long packets, long bytes, long firstMicros, long lastMicros) {}

  private final PcapWriter writer;
  private final FrameBuilder frames = new FrameBuilder();
  private final long bootMicros;
  private final PriorityQueue<Flow> pending =
      new PriorityQueue<>(Comparator.comparingLong(Flow::lastMicros));
  private final byte[] datagram = new byte[FrameBuilder.MAX_IP_PAYLOAD - 8];
  private long datagrams;

  /** @param bootMicros the exporter's boot time: sysUptime counts from it */
  NetflowV9Export(Path pcap, long bootMicros) throws IOException {
    this.writer = PcapWriter.create(pcap);
    this.bootMicros = bootMicros;
  }

  private record Key(int src, int dst, int srcPort, int dstPort, int protocol) {}

  /** Takes one session's packets (time-ordered); its flows are exported once they have ended. */
  void session(List<SynthPacket> packets) {
    Map<Key, long[]> flows = new LinkedHashMap<>();
    for (SynthPacket p : packets) {
      long[] c = flows.computeIfAbsent(
          new Key(p.srcIp(), p.dstIp(), p.srcPort(), p.dstPort(), p.protocol()),
          k -> new long[] {0, 0, p.tsMicros(), 0, 0});
      c[0]++;
      c[1] += ipLength(p);
      c[3] = p.tsMicros();
      c[4] |= p.protocol() == SynthPacket.TCP ? p.flags() : 0;
    }
    flows.forEach((k, c) -> pending.add(new Flow(k.src(), k.dst(), k.srcPort(), k.dstPort(),
        k.protocol(), (int) c[4], c[0], c[1], c[2], c[3])));
  }

  /** Exports the flows that ended more than a second before {@code nowMicros}. */
  void advance(long nowMicros) throws IOException {
    while (!pending.isEmpty() && pending.peek().lastMicros() < nowMicros - 1_000_000L) {
      export(nowMicros);
    }
  }

  /** Exports what is left and closes the file. */
  @Override
  public void close() throws IOException {
    try {
      long last = 0;
      while (!pending.isEmpty()) {
        last = Math.max(last, pending.peek().lastMicros() + 1_000_000L);
        export(last);
      }
    } finally {
      writer.close();
    }
  }

  private void export(long nowMicros) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(datagram);
    b.position(HEADER_LENGTH);
    int count = 0;
    if (datagrams % TEMPLATE_EVERY == 0) {
      b.putShort((short) 0).putShort((short) TEMPLATE_FLOWSET_LENGTH);
      b.putShort((short) TEMPLATE_ID).putShort((short) FIELDS.length);
      for (int[] f : FIELDS) {
        b.putShort((short) f[0]).putShort((short) f[1]);
      }
      count++;
    }
    int flowset = b.position();
    b.putShort((short) TEMPLATE_ID).putShort((short) 0);
    int inThis = 0;
    while (inThis < RECORDS_PER_DATAGRAM && !pending.isEmpty()
        && pending.peek().lastMicros() < nowMicros) {
      Flow f = pending.poll();
      b.putInt(f.src()).putInt(f.dst()).putShort((short) f.srcPort()).putShort((short) f.dstPort())
          .put((byte) f.protocol()).put((byte) f.flags()).putInt((int) f.packets())
          .putInt((int) f.bytes()).putInt(uptime(f.firstMicros())).putInt(uptime(f.lastMicros()));
      inThis++;
    }
    while ((b.position() - flowset) % 4 != 0) {
      b.put((byte) 0); // RFC 3954 §5.3: flowsets are padded to 32 bits
    }
    b.putShort(flowset + 2, (short) (b.position() - flowset));
    count += inThis;
    b.putShort(0, (short) 9).putShort(2, (short) count).putInt(4, uptime(nowMicros))
        .putInt(8, (int) (nowMicros / 1_000_000L)).putInt(12, (int) datagrams).putInt(16, 1);
    int length = frames.udp(EXPORTER, COLLECTOR, PORT, PORT, datagram, 0, b.position());
    writer.writePacket(nowMicros, frames.frame(), length);
    datagrams++;
  }

  private int uptime(long micros) {
    return (int) ((micros - bootMicros) / 1_000L);
  }

  private static int ipLength(SynthPacket p) {
    int transport = p.protocol() == SynthPacket.TCP
        ? 20 + ((p.flags() & TcpFlags.SYN) != 0 ? 4 : 0) : 8;
    return 20 + transport + p.length();
  }
}

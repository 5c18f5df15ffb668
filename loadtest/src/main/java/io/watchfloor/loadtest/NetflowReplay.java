package io.watchfloor.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays the NetFlow v9 datagrams of a pcap (the synthetic generator's {@code netflow-v9.pcap}:
 * Ethernet, IPv4, UDP) to a live collector over UDP on loopback ({@code ops/bench-netflow}), at a
 * fixed rate of datagrams per second (datagram i due at start + i / rate) or, with rate 0, as
 * fast as the socket takes them. Prints {@code datagrams=… records=… seconds=… rate=…}.
 *
 * <p>usage: {@code NetflowReplay FILE HOST:PORT RATE}
 */
public final class NetflowReplay {
  private static final int PCAP_HEADER = 24;
  private static final int RECORD_HEADER = 16;
  private static final int ETHERNET = 14;
  private static final int UDP_HEADER = 8;
  private static final int NETFLOW_V9 = 9;

  private NetflowReplay() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: NetflowReplay FILE HOST:PORT RATE");
    }
    List<byte[]> datagrams = read(Path.of(args[0]));
    String[] hp = args[1].split(":");
    InetSocketAddress to = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
    int rate = Integer.parseInt(args[2]);
    long records = 0;
    try (DatagramChannel out = DatagramChannel.open()) {
      // Not connected: a collector that is not (yet) listening must not turn ICMP errors into
      // exceptions here; what it did not receive shows in its own counters.
      long start = System.nanoTime();
      for (int i = 0; i < datagrams.size(); i++) {
        if (rate > 0) {
          long due = start + (long) (i * 1e9 / rate);
          long wait;
          while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        byte[] d = datagrams.get(i);
        out.send(ByteBuffer.wrap(d), to);
        records += ((d[2] & 0xff) << 8) | (d[3] & 0xff);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "datagrams=%d records=%d seconds=%.3f rate=%.0f%n",
          datagrams.size(), records, seconds, datagrams.size() / seconds);
    }
  }

  /** The UDP payloads that are NetFlow v9 datagrams; anything else in the file is skipped. */
  static List<byte[]> read(Path pcap) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(pcap, StandardOpenOption.READ)) {
      ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt(0) != 0xa1b2c3d4) {
        throw new IOException(pcap + " is not a little-endian microsecond pcap (magic " + Integer.toHexString(b.getInt(0)) + ")");
      }
      int p = PCAP_HEADER;
      while (p + RECORD_HEADER <= b.limit()) {
        int captured = b.getInt(p + 8);
        int frame = p + RECORD_HEADER;
        p = frame + captured;
        if (p > b.limit()) {
          break; // a truncated last record
        }
        if (captured < ETHERNET + 20 + UDP_HEADER) {
          continue; // too short to carry a datagram
        }
        int ihl = (b.get(frame + ETHERNET) & 0x0f) * 4;
        int payload = frame + ETHERNET + ihl + UDP_HEADER;
        int length = p - payload;
        if (length >= 20 && (((b.get(payload) & 0xff) << 8) | (b.get(payload + 1) & 0xff)) == NETFLOW_V9) {
          byte[] d = new byte[length];
          b.get(payload, d);
          out.add(d);
        }
      }
    }
    return out;
  }
}

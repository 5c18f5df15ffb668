package io.watchfloor.node.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Splits a classic pcap file in two at a packet index, both halves with the original header. */
final class PcapSplit {
  private static final int GLOBAL_HEADER = 24;
  private static final int RECORD_HEADER = 16;

  private PcapSplit() {}

  static void split(Path pcap, int firstPackets, Path first, Path second) throws IOException {
    byte[] all = Files.readAllBytes(pcap);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getInt(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      b.order(ByteOrder.BIG_ENDIAN);
    }
    int offset = GLOBAL_HEADER;
    for (int i = 0; i < firstPackets && offset < all.length; i++) {
      offset += RECORD_HEADER + b.getInt(offset + 8);
    }
    byte[] header = Arrays.copyOfRange(all, 0, GLOBAL_HEADER);
    Files.write(first, concat(header, Arrays.copyOfRange(all, GLOBAL_HEADER, offset)));
    Files.write(second, concat(header, Arrays.copyOfRange(all, offset, all.length)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

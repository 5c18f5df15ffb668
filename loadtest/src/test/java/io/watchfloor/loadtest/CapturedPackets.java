package io.watchfloor.loadtest;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.ip.IpAddresses;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a pcap back through the production reader and decoder, as the analyzer would. */
final class CapturedPackets {

  record Summary(int linkType, long timestampNanos, Malformation malformation, int ipProtocol,
      String src, String dst, int srcPort, int dstPort, int tcpFlags, int payloadLength) {}

  private CapturedPackets() {}

  static List<Summary> read(Path pcap) throws IOException {
    List<Summary> packets = new ArrayList<>();
    PacketDecoder decoder = new PacketDecoder();
    try (CaptureFileReader reader = CaptureFileReader.open(pcap)) {
      while (reader.next()) {
        DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        packets.add(new Summary(reader.linkType(), reader.timestampNanos(), p.malformation(),
            p.ipProtocol(), IpAddresses.format(p.srcHi(), p.srcLo()),
            IpAddresses.format(p.dstHi(), p.dstLo()), p.srcPort(), p.dstPort(), p.tcpFlags(),
            p.payloadLength()));
      }
    }
    return packets;
  }
}

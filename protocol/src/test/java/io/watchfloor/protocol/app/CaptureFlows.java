package io.watchfloor.protocol.app;

import io.watchfloor.protocol.SharedCaptures;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a shared capture the way the flow tracker will: the first {@link #PACKETS_PER_FLOW}
 * payload packets of each bidirectional flow are guessed and inspected.
 */
final class CaptureFlows {

  static final int PACKETS_PER_FLOW = 4;

  /** One inspected payload packet. */
  record Inspected(String flow, AppProtocol protocol, int srcPort, int dstPort,
      boolean fromInitiator, Map<String, String> fields) {}

  private CaptureFlows() {}

  static List<Inspected> inspect(String file) {
    PacketDecoder decoder = new PacketDecoder();
    Map<String, String> initiators = new HashMap<>();
    Map<String, Integer> payloadPackets = new HashMap<>();
    List<Inspected> out = new ArrayList<>();
    try (CaptureFileReader reader = CaptureFileReader.open(SharedCaptures.entry(file).path())) {
      while (reader.next()) {
        DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        if (p.ipProtocol() != 6 && p.ipProtocol() != 17) {
          continue;
        }
        String src = new IpAddress(p.srcHi(), p.srcLo()) + ":" + p.srcPort();
        String dst = new IpAddress(p.dstHi(), p.dstLo()) + ":" + p.dstPort();
        String flow = p.ipProtocol() + " " + (src.compareTo(dst) < 0 ? src + " " + dst
            : dst + " " + src);
        initiators.putIfAbsent(flow, src);
        if (p.payloadLength() == 0 || payloadPackets.merge(flow, 1, Integer::sum)
            > PACKETS_PER_FLOW) {
          continue;
        }
        AppProtocol protocol = ProtocolGuesser.guess(p.buffer(), p.payloadOffset(),
            p.payloadLength(), p.ipProtocol(), p.srcPort(), p.dstPort());
        boolean fromInitiator = initiators.get(flow).equals(src);
        out.add(new Inspected(flow, protocol, p.srcPort(), p.dstPort(), fromInitiator,
            AppInspector.inspect(protocol, p.buffer(), p.payloadOffset(), p.payloadLength(),
                fromInitiator)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}

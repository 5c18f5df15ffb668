package io.watchfloor.models.window;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the team's shared capture files run through a {@link HostWindowAggregator}, with the
 * totals an independent count of the same packets gives.
 *
 * @param windows every host window, in the order the aggregator emitted them (flush last)
 * @param flushed the windows {@link HostWindowAggregator#flush()} returned
 * @param ipPackets packets with an IP layer
 * @param attributableWireBytes wire bytes of IP packets whose two addresses are both specified
 * @param lastTimestampMillis capture time of the last packet
 */
record CaptureReplay(
    List<HostWindow> windows,
    List<HostWindow> flushed,
    long ipPackets,
    long attributableWireBytes,
    long lastTimestampMillis) {

  static final WindowSettings SETTINGS = new WindowSettings(10_000, 1_000_000, 4_000_000);

  static Path capture(String file) {
    return Path.of(System.getProperty("user.dir"))
        .resolve("../../shared/data/pcaps")
        .resolve(file)
        .normalize();
  }

  static CaptureReplay replay(String file) {
    HostWindowAggregator aggregator = new HostWindowAggregator("local", "s", SETTINGS);
    PacketDecoder decoder = new PacketDecoder();
    List<HostWindow> windows = new ArrayList<>();
    long ipPackets = 0;
    long bytes = 0;
    long last = 0;
    try (CaptureFileReader reader = CaptureFileReader.open(capture(file))) {
      while (reader.next()) {
        DecodedPacket p = decode(decoder, reader);
        if (p.ipVersion() != 0) {
          ipPackets++;
          if ((p.srcHi() | p.srcLo()) != 0 && (p.dstHi() | p.dstLo()) != 0) {
            bytes += p.wireLength();
          }
        }
        last = Math.floorDiv(p.timestampNanos(), 1_000_000L);
        windows.addAll(aggregator.accept(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<HostWindow> flushed = aggregator.flush();
    windows.addAll(flushed);
    return new CaptureReplay(List.copyOf(windows), flushed, ipPackets, bytes, last);
  }

  static DecodedPacket decode(PacketDecoder decoder, CaptureFileReader reader) {
    return decoder.decode(
        reader.linkType(),
        reader.buffer(),
        reader.offset(),
        reader.capturedLength(),
        reader.originalLength(),
        reader.timestampNanos());
  }

  List<HostWindow> windowsOf(String host) {
    return windows.stream().filter(w -> w.host().equals(host)).toList();
  }
}

package io.watchfloor.node.evidence;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.pcap.CaptureFileException;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import io.watchfloor.protocol.pcap.PcapFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Copies one host's packets in a time range from capture files to a pcap stream: every packet
 * whose IP source or destination is the host (the inner header of a tunnel is not looked at).
 */
public final class PcapExtractor {
  private PcapExtractor() {}

  /** What an extraction wrote. */
  public record Result(long packets, long bytes, boolean truncated) {}

  /**
   * @param maxBytes the output stops before it would exceed this (then {@code truncated})
   */
  public static Result extract(
      List<EvidenceSource.Part> parts,
      IpAddress host,
      long fromNanos,
      long toNanos,
      long maxBytes,
      int snaplen,
      OutputStream out)
      throws IOException {
    PacketDecoder decoder = new PacketDecoder();
    PcapFileWriter writer = null;
    boolean truncated = false;
    for (EvidenceSource.Part part : parts) {
      CaptureFileReader reader;
      try {
        reader = CaptureFileReader.open(part.file());
      } catch (NoSuchFileException rotatedAway) {
        continue;
      }
      try (reader) {
        // bytes past readableBytes were still being written when the parts were taken
        while (reader.position() < part.readableBytes() && nextOrEnd(reader)) {
          long ts = reader.timestampNanos();
          if (ts < fromNanos || ts > toNanos) {
            continue;
          }
          DecodedPacket p = decoder.decode(reader.linkType(), reader.buffer(), reader.offset(),
              reader.capturedLength(), reader.originalLength(), ts);
          boolean match = p.ipVersion() != 0
              && ((p.srcHi() == host.hi() && p.srcLo() == host.lo())
                  || (p.dstHi() == host.hi() && p.dstLo() == host.lo()));
          if (!match) {
            continue;
          }
          if (writer == null) {
            // a pcapng file names its link type in the interface block before the first packet
            writer = new PcapFileWriter(out, reader.linkType(), snaplen);
          }
          int captured = Math.min(reader.capturedLength(), snaplen);
          if (writer.bytes() + PcapFileWriter.RECORD_HEADER_LENGTH + captured > maxBytes) {
            truncated = true;
            break;
          }
          writer.write(ts, reader.buffer(), reader.offset(), reader.capturedLength(), reader.originalLength());
        }
      }
      if (truncated) {
        break;
      }
    }
    if (writer == null) {
      writer = new PcapFileWriter(out, 1, snaplen); // no packet at all: an empty Ethernet capture
    }
    return new Result(writer.packets(), writer.bytes(), truncated);
  }

  /** The next record, or false at the end or at a damaged record (what came before is kept). */
  private static boolean nextOrEnd(CaptureFileReader reader) {
    try {
      return reader.next();
    } catch (CaptureFileException damaged) {
      return false;
    }
  }
}

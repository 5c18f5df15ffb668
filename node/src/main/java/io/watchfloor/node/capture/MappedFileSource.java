package io.watchfloor.node.capture;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.CaptureFileException;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A pcap or pcapng file through Watchfloor's memory-mapped reader: no copy, no allocation per packet. */
final class MappedFileSource implements PacketSource {
  private final CaptureFileReader reader;
  private final PacketDecoder decoder = new PacketDecoder();
  private DecodedPacket packet;

  MappedFileSource(Path file) {
    this.reader = open(file);
  }

  /** Opens the file or explains in one line why it cannot be read. */
  static CaptureFileReader open(Path file) {
    if (!Files.exists(file)) {
      throw new CaptureInputException("no such file: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new CaptureInputException(file + " is a directory, not a capture file");
    }
    if (!Files.isReadable(file)) {
      throw new CaptureInputException("cannot read " + file + ": permission denied");
    }
    try {
      return CaptureFileReader.open(file);
    } catch (CaptureFileException e) {
      throw new CaptureInputException(file + ": " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new CaptureInputException("no such file: " + file, e);
    } catch (IOException e) {
      throw new CaptureInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Next next() {
    try {
      if (!reader.next()) {
        return Next.END;
      }
    } catch (CaptureFileException e) {
      throw new CaptureInputException(e.getMessage(), e);
    }
    packet =
        decoder.decode(
            reader.linkType(),
            reader.buffer(),
            reader.offset(),
            reader.capturedLength(),
            reader.originalLength(),
            reader.timestampNanos());
    return Next.PACKET;
  }

  @Override
  public DecodedPacket packet() {
    return packet;
  }

  @Override
  public int frameOffset() {
    return reader.offset();
  }

  @Override
  public long position() {
    return reader.position();
  }

  @Override
  public long size() {
    return reader.size();
  }

  @Override
  public long kernelDrops() {
    return 0;
  }

  @Override
  public void close() {
    closeQuietly(reader);
  }

  static void closeQuietly(CaptureFileReader r) {
    try {
      r.close();
    } catch (IOException e) {
      // Unmapping a read-only file cannot lose data; nothing to report.
    }
  }
}

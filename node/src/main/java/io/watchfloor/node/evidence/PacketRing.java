package io.watchfloor.node.evidence;

import io.watchfloor.protocol.pcap.PcapFileWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A live segment's recent packets on disk: pcap chunk files named by their first packet's time,
 * closed at a size or age, the oldest deleted once the ring holds more than {@code maxBytes} or its
 * packets are older than {@code maxAge} (capture clock). Chunks left by an earlier run are adopted.
 *
 * <p>The capture thread appends; readers (HTTP) ask for {@link #parts} and get the chunks that may
 * hold a time range, the open one flushed and limited to what is complete. A read racing the
 * deletion of an old chunk loses that chunk's packets, never the process.
 */
public final class PacketRing implements EvidenceSource, AutoCloseable {
  private static final String SUFFIX = ".pcap";
  private static final int BUFFER = 1 << 16;

  private final Path directory;
  private final int linkType;
  private final EvidenceSettings settings;
  private final Deque<Chunk> closed = new ArrayDeque<>();
  private long closedBytes;
  private Chunk open;
  private OutputStream out;
  private PcapFileWriter writer;
  private long lastPacketNanos;
  private long openLastNanos;
  private long droppedChunks;

  private record Chunk(Path file, long firstNanos, long lastNanos, long bytes) {}

  public PacketRing(Path directory, int linkType, EvidenceSettings settings) throws IOException {
    this.directory = directory;
    this.linkType = linkType;
    this.settings = settings;
    Files.createDirectories(directory);
    adoptOldChunks();
  }

  /** Appends one captured frame (capture thread). Disk errors are thrown: capture counts them. */
  public synchronized void append(long tsNanos, ByteBuffer buf, int offset, int capturedLength, int originalLength) {
    try {
      lastPacketNanos = Math.max(lastPacketNanos, tsNanos);
      if (open != null && (writer.bytes() >= settings.chunkBytes()
          || tsNanos - open.firstNanos() >= settings.chunkAge().toNanos())) {
        rotate();
      }
      if (open == null) {
        Path file = directory.resolve(tsNanos + SUFFIX);
        out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
        writer = new PcapFileWriter(out, linkType, settings.snaplen());
        open = new Chunk(file, tsNanos, tsNanos, 0);
        openLastNanos = tsNanos;
      }
      writer.write(tsNanos, buf, offset, capturedLength, originalLength);
      openLastNanos = Math.max(openLastNanos, tsNanos);
    } catch (IOException e) {
      throw new UncheckedIOException("evidence ring " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<Part> parts(long fromNanos, long toNanos) throws IOException {
    List<Part> out = new ArrayList<>();
    for (Chunk c : closed) {
      if (c.lastNanos() >= fromNanos && c.firstNanos() <= toNanos) {
        out.add(new Part(c.file(), c.bytes()));
      }
    }
    if (open != null && open.firstNanos() <= toNanos && openLastNanos >= fromNanos) {
      this.out.flush();
      out.add(new Part(open.file(), writer.bytes()));
    }
    return out;
  }

  /** Bytes on disk, the open chunk included. */
  public synchronized long bytes() {
    return closedBytes + (writer == null ? 0 : writer.bytes());
  }

  public synchronized int chunks() {
    return closed.size() + (open == null ? 0 : 1);
  }

  /** Chunks deleted to keep the ring within its size and age. */
  public synchronized long droppedChunks() {
    return droppedChunks;
  }

  @Override
  public synchronized void close() throws IOException {
    if (open != null) {
      rotate();
    }
  }

  private void rotate() throws IOException {
    out.close();
    closed.addLast(new Chunk(open.file(), open.firstNanos(), openLastNanos, writer.bytes()));
    closedBytes += writer.bytes();
    open = null;
    out = null;
    writer = null;
    trim();
  }

  private void trim() throws IOException {
    long oldestKept = lastPacketNanos - settings.maxAge().toNanos();
    while (!closed.isEmpty()
        && (closedBytes > settings.maxBytes() - settings.chunkBytes() || closed.peekFirst().lastNanos() < oldestKept)) {
      Chunk c = closed.removeFirst();
      closedBytes -= c.bytes();
      Files.deleteIfExists(c.file());
      droppedChunks++;
    }
  }

  private void adoptOldChunks() throws IOException {
    List<Chunk> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          long first = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
          // the last packet's time is unknown without reading: the next chunk's start bounds it
          found.add(new Chunk(f, first, Long.MAX_VALUE, Files.size(f)));
        } catch (NumberFormatException notOurs) {
          // another file in the directory: leave it alone
        }
      }
    }
    found.sort((a, b) -> Long.compare(a.firstNanos(), b.firstNanos()));
    for (int i = 0; i < found.size(); i++) {
      Chunk c = found.get(i);
      long last = i + 1 < found.size() ? found.get(i + 1).firstNanos() : Long.MAX_VALUE;
      closed.addLast(new Chunk(c.file(), c.firstNanos(), last, c.bytes()));
      closedBytes += c.bytes();
    }
  }
}

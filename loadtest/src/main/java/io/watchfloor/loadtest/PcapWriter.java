package io.watchfloor.loadtest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic little-endian, microsecond-resolution pcap file with Ethernet link type.
 * Not thread-safe; packets are written in the order given, so callers keep timestamps sorted.
 */
public final class PcapWriter implements AutoCloseable {

  /** Classic pcap magic; written little-endian it reads d4 c3 b2 a1 on disk. */
  static final int MAGIC_MICROS = 0xa1b2c3d4;
  static final int VERSION_MAJOR = 2;
  static final int VERSION_MINOR = 4;
  /** Largest frame we keep whole; tcpdump's historical default. */
  public static final int SNAPLEN = 65535;
  /** LINKTYPE_ETHERNET, https://www.tcpdump.org/linktypes.html. */
  public static final int LINKTYPE_ETHERNET = 1;
  static final int FILE_HEADER_LENGTH = 24;
  static final int RECORD_HEADER_LENGTH = 16;
  private static final int BUFFER_SIZE = 1 << 16;

  private final OutputStream out;
  private final byte[] header = new byte[FILE_HEADER_LENGTH];
  private long packets;

  private PcapWriter(OutputStream out) throws IOException {
    this.out = out;
    int p = putInt(header, 0, MAGIC_MICROS);
    p = putShort(header, p, VERSION_MAJOR);
    p = putShort(header, p, VERSION_MINOR);
    p = putInt(header, p, 0); // thiszone: timestamps are UTC
    p = putInt(header, p, 0); // sigfigs: always 0 in practice
    p = putInt(header, p, SNAPLEN);
    putInt(header, p, LINKTYPE_ETHERNET);
    out.write(header, 0, FILE_HEADER_LENGTH);
  }

  /** Creates (or truncates) {@code path} and writes the file header. */
  public static PcapWriter create(Path path) throws IOException {
    OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path), BUFFER_SIZE);
    try {
      return new PcapWriter(stream);
    } catch (IOException e) {
      stream.close();
      throw e;
    }
  }

  /**
   * Appends one frame; frames longer than {@link #SNAPLEN} are cut, keeping their original length.
   *
   * @param tsMicros microseconds since the Unix epoch, not negative
   */
  public void writePacket(long tsMicros, byte[] frame, int len) throws IOException {
    if (tsMicros < 0) {
      throw new IllegalArgumentException("timestamp must be >= 0 µs, found " + tsMicros);
    }
    if (len < 0 || len > frame.length) {
      throw new IllegalArgumentException(
          "frame length must be in [0, " + frame.length + "], found " + len);
    }
    int captured = Math.min(len, SNAPLEN);
    int p = putInt(header, 0, (int) (tsMicros / 1_000_000L));
    p = putInt(header, p, (int) (tsMicros % 1_000_000L));
    p = putInt(header, p, captured);
    putInt(header, p, len);
    out.write(header, 0, RECORD_HEADER_LENGTH);
    out.write(frame, 0, captured);
    packets++;
  }

  /** Packets written so far. */
  public long packets() {
    return packets;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
    return p + 4;
  }

  private static int putShort(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    return p + 2;
  }
}

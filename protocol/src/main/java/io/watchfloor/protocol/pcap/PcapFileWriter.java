package io.watchfloor.protocol.pcap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a classic pcap stream with nanosecond timestamps (magic {@code a1b23c4d}, little-endian),
 * which tcpdump, Wireshark, tshark and capinfos read. Frames are copied from any buffer slice, so a
 * frame still in a memory-mapped capture or a ring chunk goes out without an intermediate array.
 * Not thread-safe; the caller owns and closes the stream.
 */
public final class PcapFileWriter {
  /** Nanosecond-resolution pcap magic. */
  public static final int MAGIC_NANOS = 0xa1b23c4d;
  public static final int FILE_HEADER_LENGTH = 24;
  public static final int RECORD_HEADER_LENGTH = 16;
  public static final int DEFAULT_SNAPLEN = 262_144;

  private final OutputStream out;
  private final int snaplen;
  private final ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
  private byte[] copy = new byte[2048];
  private long packets;
  private long bytes;

  /** Writes the file header for {@code linkType} (a LINKTYPE_ value) to {@code out}. */
  public PcapFileWriter(OutputStream out, int linkType, int snaplen) throws IOException {
    if (snaplen < 1) {
      throw new IllegalArgumentException("snaplen must be positive, was " + snaplen);
    }
    this.out = out;
    this.snaplen = snaplen;
    header.clear();
    header.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(snaplen).putInt(linkType);
    out.write(header.array(), 0, FILE_HEADER_LENGTH);
    bytes = FILE_HEADER_LENGTH;
  }

  /**
   * Appends one frame: {@code capturedLength} bytes of {@code buf} from {@code offset} (cut to the
   * snaplen), stamped {@code timestampNanos} since the epoch, of original length {@code
   * originalLength}.
   */
  public void write(long timestampNanos, ByteBuffer buf, int offset, int capturedLength, int originalLength)
      throws IOException {
    if (timestampNanos < 0) {
      throw new IllegalArgumentException("timestamp must not be negative, was " + timestampNanos);
    }
    int captured = Math.min(capturedLength, snaplen);
    header.clear();
    header.putInt((int) (timestampNanos / 1_000_000_000L)).putInt((int) (timestampNanos % 1_000_000_000L))
        .putInt(captured).putInt(Math.max(originalLength, captured));
    out.write(header.array(), 0, RECORD_HEADER_LENGTH);
    if (buf.hasArray()) {
      out.write(buf.array(), buf.arrayOffset() + offset, captured);
    } else {
      if (copy.length < captured) {
        copy = new byte[Math.max(captured, copy.length * 2)];
      }
      buf.get(offset, copy, 0, captured);
      out.write(copy, 0, captured);
    }
    packets++;
    bytes += RECORD_HEADER_LENGTH + captured;
  }

  public long packets() {
    return packets;
  }

  /** Bytes written, file header included. */
  public long bytes() {
    return bytes;
  }
}

package io.watchfloor.protocol.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a pcap or pcapng file packet by packet without copying: the file is memory-mapped in
 * sliding windows and each packet is exposed as a range of {@link #buffer()}.
 *
 * <p>Not thread-safe; one reader per thread. Packet accessors describe the packet returned by
 * the last successful {@link #next()} and are valid until the next call.
 */
public final class CaptureFileReader implements AutoCloseable {

  /** Largest packet record or block we accept: 256 MiB. libpcap's MAXIMUM_SNAPLEN is 256 KiB
   * (pcap-int.h) and its pcapng reader caps blocks at 16 MiB (BT_SHB_INSANE_MAX); anything past
   * 256 MiB is a corrupt length field, not a packet (draft-ietf-opsawg-pcap §5, pcapng §3.1). */
  public static final int MAX_RECORD_LENGTH = 256 << 20;
  /** How far ahead of the walk the reader touches the mapping (see readAhead). */
  static final int READ_AHEAD_SLICE = 64 << 10;
  static final int CACHE_LINE = 64;
  /** Largest pcapng block (header, body and trailing length) we accept; see MAX_RECORD_LENGTH. */
  public static final int MAX_BLOCK_LENGTH = MAX_RECORD_LENGTH + 64 * 1024;
  /** Size of a mapped window. A record never crosses a window: we re-map at its start. */
  static final int DEFAULT_WINDOW_SIZE = 1 << 30;

  // draft-ietf-opsawg-pcap §4: file header magic (as read big-endian) and layout.
  private static final int PCAP_MAGIC_MICROS = 0xa1b2c3d4;
  private static final int PCAP_MAGIC_MICROS_SWAPPED = 0xd4c3b2a1;
  private static final int PCAP_MAGIC_NANOS = 0xa1b23c4d;
  private static final int PCAP_MAGIC_NANOS_SWAPPED = 0x4d3cb2a1;
  static final int PCAP_FILE_HEADER_LENGTH = 24;
  static final int PCAP_RECORD_HEADER_LENGTH = 16;
  private static final int PCAP_MAJOR_VERSION = 2;
  /** draft-ietf-opsawg-pcap §4: bits 16-25 of the LinkType field are reserved and must be 0. */
  private static final int PCAP_LINKTYPE_RESERVED_BITS = 0x03ff0000;

  // draft-ietf-opsawg-pcapng §3.1, §4: block types and fixed sizes.
  private static final int BLOCK_SECTION_HEADER = 0x0a0d0d0a;
  private static final int BLOCK_INTERFACE_DESCRIPTION = 0x00000001;
  private static final int BLOCK_OBSOLETE_PACKET = 0x00000002;
  private static final int BLOCK_SIMPLE_PACKET = 0x00000003;
  private static final int BLOCK_ENHANCED_PACKET = 0x00000006;
  private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
  private static final int BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
  private static final int PCAPNG_MAJOR_VERSION = 1;
  /** Block type + total length + trailing total length. */
  private static final int MIN_BLOCK_LENGTH = 12;
  static final int MIN_SECTION_HEADER_LENGTH = 28;
  private static final int MIN_INTERFACE_DESCRIPTION_LENGTH = 20;
  private static final int MIN_ENHANCED_PACKET_LENGTH = 32;
  private static final int MIN_OBSOLETE_PACKET_LENGTH = 32;
  private static final int MIN_SIMPLE_PACKET_LENGTH = 16;
  // §4.2 interface description block options.
  private static final int OPT_END = 0;
  private static final int OPT_IF_TSRESOL = 9;
  private static final int OPT_IF_TSOFFSET = 14;
  /** Default if_tsresol: 10^-6 seconds (§4.2). */
  private static final int DEFAULT_TSRESOL = 6;
  private static final int TSRESOL_BINARY_FLAG = 0x80;
  private static final int MAX_DECIMAL_TSRESOL = 18;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final FileChannel channel;
  private final long size;
  private final int windowSize;
  private final boolean pcapng;

  private MappedByteBuffer window;
  /** Read-ahead frontier inside {@link #window}, and a sink that keeps the touches alive. */
  private int touchedUpTo;
  private int readAheadSink;
  private ByteBuffer packetView;
  private long windowStart;
  private long windowEnd;
  private ByteOrder order = ByteOrder.BIG_ENDIAN;

  // classic pcap
  private boolean nanosecondTimestamps;
  private int fileLinkType;

  // pcapng: interfaces of the current section
  private int interfaceCount;
  private int[] interfaceLinkTypes = new int[4];
  private int[] interfaceSnapLengths = new int[4];
  private int[] interfaceTsResolutions = new int[4];
  private long[] interfaceTsOffsetNanos = new long[4];

  private long position;
  private long packetsRead;
  private long timestampNanos;
  private int capturedLength;
  private int originalLength;
  private int linkType;
  private int packetOffset;
  private boolean closed;

  private CaptureFileReader(FileChannel channel, long size, int windowSize, boolean pcapng) {
    this.channel = channel;
    this.size = size;
    this.windowSize = windowSize;
    this.pcapng = pcapng;
  }

  /**
   * Opens a capture file and reads its file (or first section) header.
   *
   * @throws CaptureFileException if the file is empty, not a pcap/pcapng file, or its header is
   *     unsupported or nonsensical
   * @throws IOException if the file cannot be opened
   */
  public static CaptureFileReader open(Path file) throws IOException {
    return open(file, DEFAULT_WINDOW_SIZE);
  }

  /** Opens with a given window size; small windows let tests exercise re-mapping. */
  static CaptureFileReader open(Path file, int windowSize) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size == 0) {
        throw new CaptureFileException("file is empty", 0);
      }
      if (size < 4) {
        throw new CaptureFileException(
            "file is " + size + " bytes, too short to hold the 4-byte capture file magic number", 0);
      }
      ByteBuffer magicBytes = ByteBuffer.allocate(4);
      while (magicBytes.hasRemaining() && channel.read(magicBytes, magicBytes.position()) > 0) {
        // read the whole magic
      }
      int magic = magicBytes.getInt(0);
      boolean pcapng = magic == BLOCK_SECTION_HEADER;
      CaptureFileReader reader = new CaptureFileReader(channel, size, windowSize, pcapng);
      if (pcapng) {
        reader.readFirstSection();
      } else {
        reader.readPcapHeader(magic);
      }
      return reader;
    } catch (RuntimeException | IOException e) {
      channel.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- classic pcap

  private void readPcapHeader(int magic) {
    switch (magic) {
      case PCAP_MAGIC_MICROS:
        order = ByteOrder.BIG_ENDIAN;
        break;
      case PCAP_MAGIC_MICROS_SWAPPED:
        order = ByteOrder.LITTLE_ENDIAN;
        break;
      case PCAP_MAGIC_NANOS:
        order = ByteOrder.BIG_ENDIAN;
        nanosecondTimestamps = true;
        break;
      case PCAP_MAGIC_NANOS_SWAPPED:
        order = ByteOrder.LITTLE_ENDIAN;
        nanosecondTimestamps = true;
        break;
      default:
        throw new CaptureFileException(String.format(
            "not a capture file: found magic number 0x%08x%s at byte offset 0, expected pcap "
                + "(a1b2c3d4 or a1b23c4d, either byte order) or pcapng (0a0d0d0a)",
            magic, printable(magic)), 0);
    }
    if (size < PCAP_FILE_HEADER_LENGTH) {
      throw new CaptureFileException("file is " + size + " bytes, shorter than the "
          + PCAP_FILE_HEADER_LENGTH + "-byte pcap header", 0);
    }
    int rel = map(0, PCAP_FILE_HEADER_LENGTH);
    int major = u16(rel + 4);
    int minor = u16(rel + 6);
    if (major != PCAP_MAJOR_VERSION) {
      throw new CaptureFileException("unsupported pcap version " + major + "." + minor
          + ", expected " + PCAP_MAJOR_VERSION + ".x", 4);
    }
    long snapLength = u32(rel + 16);
    if (snapLength > MAX_RECORD_LENGTH) {
      throw new CaptureFileException("pcap header snaplen " + snapLength + " is larger than the "
          + MAX_RECORD_LENGTH + "-byte maximum record length", 16);
    }
    int linkTypeField = window.getInt(rel + 20);
    if ((linkTypeField & PCAP_LINKTYPE_RESERVED_BITS) != 0) {
      throw new CaptureFileException(String.format(
          "pcap header link type field 0x%08x has reserved bits 16-25 set; not a valid LINKTYPE",
          linkTypeField), 20);
    }
    fileLinkType = linkTypeField & LinkTypes.LINK_TYPE_MASK;
    position = PCAP_FILE_HEADER_LENGTH;
  }

  private boolean nextPcapRecord() {
    long remaining = size - position;
    if (remaining < PCAP_RECORD_HEADER_LENGTH) {
      throw new CaptureFileException("truncated record header at byte offset " + position
          + ": a record header is " + PCAP_RECORD_HEADER_LENGTH + " bytes but only " + remaining
          + " remain" + after(), position);
    }
    int rel = map(position, PCAP_RECORD_HEADER_LENGTH);
    long seconds = u32(rel);
    long fraction = u32(rel + 4);
    long captured = u32(rel + 8);
    long original = u32(rel + 12);
    if (captured > MAX_RECORD_LENGTH) {
      throw new CaptureFileException("corrupt record at byte offset " + position
          + ": header says captured length " + captured + ", more than the maximum record length "
          + MAX_RECORD_LENGTH + after(), position);
    }
    if (captured > remaining - PCAP_RECORD_HEADER_LENGTH) {
      throw new CaptureFileException("truncated record at byte offset " + position
          + ": header says captured length " + captured + " but only "
          + (remaining - PCAP_RECORD_HEADER_LENGTH) + " bytes remain after the record header"
          + after(), position);
    }
    rel = map(position, PCAP_RECORD_HEADER_LENGTH + (int) captured);
    readAhead(rel);
    timestampNanos = seconds * NANOS_PER_SECOND + (nanosecondTimestamps ? fraction : fraction * 1000);
    capturedLength = (int) captured;
    originalLength = (int) Math.min(original, Integer.MAX_VALUE);
    linkType = fileLinkType;
    packetOffset = rel + PCAP_RECORD_HEADER_LENGTH;
    position += PCAP_RECORD_HEADER_LENGTH + captured;
    return true;
  }

  // ---------------------------------------------------------------- pcapng

  private void readFirstSection() {
    if (size < MIN_SECTION_HEADER_LENGTH) {
      throw new CaptureFileException("file is " + size + " bytes, shorter than the "
          + MIN_SECTION_HEADER_LENGTH + "-byte pcapng section header block", 0);
    }
    readSectionHeader(0);
  }

  private void readSectionHeader(long blockStart) {
    long remaining = size - blockStart;
    if (remaining < MIN_SECTION_HEADER_LENGTH) {
      throw new CaptureFileException("truncated section header block at byte offset " + blockStart
          + ": it needs " + MIN_SECTION_HEADER_LENGTH + " bytes but only " + remaining + " remain"
          + after(), blockStart);
    }
    int rel = map(blockStart, MIN_SECTION_HEADER_LENGTH);
    window.order(ByteOrder.BIG_ENDIAN);
    int byteOrderMagic = window.getInt(rel + 8);
    if (byteOrderMagic == BYTE_ORDER_MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (byteOrderMagic == BYTE_ORDER_MAGIC_SWAPPED) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else {
      throw new CaptureFileException(String.format(
          "corrupt section header block at byte offset %d: byte-order magic is 0x%08x, expected "
              + "1a2b3c4d in either byte order", blockStart, byteOrderMagic), blockStart);
    }
    window.order(order);
    long blockLength = checkBlockLength(BLOCK_SECTION_HEADER, blockStart, rel,
        MIN_SECTION_HEADER_LENGTH, remaining);
    int major = u16(rel + 12);
    int minor = u16(rel + 14);
    if (major != PCAPNG_MAJOR_VERSION) {
      throw new CaptureFileException("unsupported pcapng version " + major + "." + minor
          + " in section header block at byte offset " + blockStart + ", expected "
          + PCAPNG_MAJOR_VERSION + ".x", blockStart);
    }
    checkTrailer(BLOCK_SECTION_HEADER, blockStart, blockLength);
    interfaceCount = 0;
    position = blockStart + blockLength;
  }

  private boolean nextPcapngPacket() {
    while (position < size) {
      long blockStart = position;
      long remaining = size - blockStart;
      if (remaining < MIN_BLOCK_LENGTH) {
        throw new CaptureFileException("truncated block header at byte offset " + blockStart
            + ": a block is at least " + MIN_BLOCK_LENGTH + " bytes but only " + remaining
            + " remain" + after(), blockStart);
      }
      int rel = map(blockStart, MIN_BLOCK_LENGTH);
      readAhead(rel);
      int type = window.getInt(rel);
      if (type == BLOCK_SECTION_HEADER) {
        readSectionHeader(blockStart);
        continue;
      }
      long blockLength = checkBlockLength(type, blockStart, rel, MIN_BLOCK_LENGTH, remaining);
      rel = checkTrailer(type, blockStart, blockLength);
      position = blockStart + blockLength;
      switch (type) {
        case BLOCK_INTERFACE_DESCRIPTION:
          readInterfaceDescription(blockStart, rel, (int) blockLength);
          break;
        case BLOCK_ENHANCED_PACKET:
          readEnhancedPacket(blockStart, rel, (int) blockLength);
          return true;
        case BLOCK_SIMPLE_PACKET:
          readSimplePacket(blockStart, rel, (int) blockLength);
          return true;
        case BLOCK_OBSOLETE_PACKET:
          readObsoletePacket(blockStart, rel, (int) blockLength);
          return true;
        default:
          // statistics, name resolution, custom, decryption secrets ...: not needed here
          break;
      }
    }
    return false;
  }

  private long checkBlockLength(int type, long blockStart, int rel, int minimum, long remaining) {
    long blockLength = u32(rel + 4);
    if (blockLength < minimum || blockLength % 4 != 0 || blockLength > MAX_BLOCK_LENGTH) {
      throw new CaptureFileException(String.format(
          "corrupt block at byte offset %d: block type 0x%08x says total length %d; it must be a "
              + "multiple of 4 between %d and %d%s",
          blockStart, type, blockLength, minimum, MAX_BLOCK_LENGTH, after()), blockStart);
    }
    if (blockLength > remaining) {
      throw new CaptureFileException(String.format(
          "truncated block at byte offset %d: block type 0x%08x says total length %d but only %d "
              + "bytes remain%s", blockStart, type, blockLength, remaining, after()), blockStart);
    }
    return blockLength;
  }

  /** Maps the whole block, checks its trailing length copy, and returns its offset in the window. */
  private int checkTrailer(int type, long blockStart, long blockLength) {
    int rel = map(blockStart, (int) blockLength);
    long trailer = u32(rel + (int) blockLength - 4);
    if (trailer != blockLength) {
      throw new CaptureFileException(String.format(
          "corrupt block at byte offset %d: block type 0x%08x says total length %d at its start "
              + "but %d at its end%s", blockStart, type, blockLength, trailer, after()), blockStart);
    }
    return rel;
  }

  private void readInterfaceDescription(long blockStart, int rel, int blockLength) {
    requireLength("interface description", blockStart, blockLength,
        MIN_INTERFACE_DESCRIPTION_LENGTH);
    int interfaceLinkType = u16(rel + 8);
    long snapLength = u32(rel + 12);
    int tsResolution = DEFAULT_TSRESOL;
    long tsOffsetNanos = 0;
    int optionsEnd = rel + blockLength - 4;
    int option = rel + 16;
    while (option + 4 <= optionsEnd) {
      int code = u16(option);
      int length = u16(option + 2);
      int value = option + 4;
      if (code == OPT_END) {
        break;
      }
      if (value + length > optionsEnd) {
        throw new CaptureFileException("corrupt interface description block at byte offset "
            + blockStart + ": option " + code + " says length " + length + " but only "
            + (optionsEnd - value) + " bytes of the block remain" + after(), blockStart);
      }
      if (code == OPT_IF_TSRESOL && length == 1) {
        tsResolution = window.get(value) & 0xff;
        checkTsResolution(blockStart, tsResolution);
      } else if (code == OPT_IF_TSOFFSET && length == 8) {
        tsOffsetNanos = window.getLong(value) * NANOS_PER_SECOND;
      }
      option = value + ((length + 3) & ~3);
    }
    if (interfaceCount == interfaceLinkTypes.length) {
      int grown = interfaceCount * 2;
      interfaceLinkTypes = Arrays.copyOf(interfaceLinkTypes, grown);
      interfaceSnapLengths = Arrays.copyOf(interfaceSnapLengths, grown);
      interfaceTsResolutions = Arrays.copyOf(interfaceTsResolutions, grown);
      interfaceTsOffsetNanos = Arrays.copyOf(interfaceTsOffsetNanos, grown);
    }
    interfaceLinkTypes[interfaceCount] = interfaceLinkType;
    interfaceSnapLengths[interfaceCount] = (int) Math.min(snapLength, Integer.MAX_VALUE);
    interfaceTsResolutions[interfaceCount] = tsResolution;
    interfaceTsOffsetNanos[interfaceCount] = tsOffsetNanos;
    interfaceCount++;
  }

  private void checkTsResolution(long blockStart, int tsResolution) {
    boolean binary = (tsResolution & TSRESOL_BINARY_FLAG) != 0;
    int exponent = tsResolution & ~TSRESOL_BINARY_FLAG;
    if (!binary && exponent > MAX_DECIMAL_TSRESOL) {
      throw new CaptureFileException("unsupported if_tsresol 10^-" + exponent
          + " in interface description block at byte offset " + blockStart
          + ", at most 10^-" + MAX_DECIMAL_TSRESOL + " is supported", blockStart);
    }
  }

  private void readEnhancedPacket(long blockStart, int rel, int blockLength) {
    requireLength("enhanced packet", blockStart, blockLength, MIN_ENHANCED_PACKET_LENGTH);
    int interfaceId = requireInterface("enhanced packet", blockStart, u32(rel + 8));
    long timestamp = (u32(rel + 12) << 32) | u32(rel + 16);
    long captured = u32(rel + 20);
    long original = u32(rel + 24);
    requireCaptured("enhanced packet", blockStart, blockLength, captured,
        blockLength - MIN_ENHANCED_PACKET_LENGTH);
    setPacket(interfaceId, toNanos(interfaceId, timestamp), captured, original, rel + 28);
  }

  private void readObsoletePacket(long blockStart, int rel, int blockLength) {
    requireLength("obsolete packet", blockStart, blockLength, MIN_OBSOLETE_PACKET_LENGTH);
    int interfaceId = requireInterface("obsolete packet", blockStart, u16(rel + 8));
    long timestamp = (u32(rel + 12) << 32) | u32(rel + 16);
    long captured = u32(rel + 20);
    long original = u32(rel + 24);
    requireCaptured("obsolete packet", blockStart, blockLength, captured,
        blockLength - MIN_OBSOLETE_PACKET_LENGTH);
    setPacket(interfaceId, toNanos(interfaceId, timestamp), captured, original, rel + 28);
  }

  /** Simple packet blocks carry no timestamp (§4.4); we repeat the previous packet's. */
  private void readSimplePacket(long blockStart, int rel, int blockLength) {
    requireLength("simple packet", blockStart, blockLength, MIN_SIMPLE_PACKET_LENGTH);
    requireInterface("simple packet", blockStart, 0);
    long original = u32(rel + 8);
    long captured = Math.min(original, blockLength - MIN_SIMPLE_PACKET_LENGTH);
    if (interfaceSnapLengths[0] > 0) {
      captured = Math.min(captured, interfaceSnapLengths[0]);
    }
    setPacket(0, timestampNanos, captured, original, rel + 12);
  }

  private void setPacket(int interfaceId, long nanos, long captured, long original, int offset) {
    timestampNanos = nanos;
    capturedLength = (int) captured;
    originalLength = (int) Math.min(original, Integer.MAX_VALUE);
    linkType = interfaceLinkTypes[interfaceId];
    packetOffset = offset;
  }

  private void requireLength(String what, long blockStart, int blockLength, int minimum) {
    if (blockLength < minimum) {
      throw new CaptureFileException("corrupt " + what + " block at byte offset " + blockStart
          + ": it is " + blockLength + " bytes, shorter than the " + minimum + "-byte minimum"
          + after(), blockStart);
    }
  }

  private int requireInterface(String what, long blockStart, long interfaceId) {
    if (interfaceId >= interfaceCount) {
      throw new CaptureFileException("corrupt " + what + " block at byte offset " + blockStart
          + ": it refers to interface " + interfaceId + " but the section has described only "
          + interfaceCount + after(), blockStart);
    }
    return (int) interfaceId;
  }

  private void requireCaptured(String what, long blockStart, int blockLength, long captured,
      int room) {
    if (captured > MAX_RECORD_LENGTH || captured > room) {
      throw new CaptureFileException("corrupt " + what + " block at byte offset " + blockStart
          + ": it says captured length " + captured + " but the " + blockLength
          + "-byte block has room for " + room + " bytes of packet data" + after(), blockStart);
    }
  }

  private long toNanos(int interfaceId, long timestamp) {
    int resolution = interfaceTsResolutions[interfaceId];
    int exponent = resolution & ~TSRESOL_BINARY_FLAG;
    long nanos;
    if ((resolution & TSRESOL_BINARY_FLAG) != 0) {
      // units of 2^-exponent s: nanos = timestamp * 10^9 / 2^exponent, via a 128-bit product
      if (exponent == 0) {
        nanos = timestamp * NANOS_PER_SECOND;
      } else {
        long high = Math.multiplyHigh(timestamp, NANOS_PER_SECOND);
        long low = timestamp * NANOS_PER_SECOND;
        nanos = exponent >= 64 ? high >> (exponent - 64) : (high << (64 - exponent)) | (low >>> exponent);
      }
    } else if (exponent <= 9) {
      nanos = timestamp * POWERS_OF_TEN[9 - exponent];
    } else {
      nanos = timestamp / POWERS_OF_TEN[exponent - 9];
    }
    return nanos + interfaceTsOffsetNanos[interfaceId];
  }

  // ---------------------------------------------------------------- public API

  /**
   * Advances to the next packet.
   *
   * @return false at the clean end of the file
   * @throws CaptureFileException on a truncated or corrupt record
   */
  public boolean next() {
    if (closed) {
      throw new IllegalStateException("reader is closed");
    }
    if (position >= size) {
      return false;
    }
    boolean found = pcapng ? nextPcapngPacket() : nextPcapRecord();
    if (found) {
      packetsRead++;
    }
    return found;
  }

  /** Capture time of the current packet, nanoseconds since the epoch. */
  public long timestampNanos() {
    return timestampNanos;
  }

  public int capturedLength() {
    return capturedLength;
  }

  /** Length of the packet on the wire; larger than {@link #capturedLength()} when snapped. */
  public int originalLength() {
    return originalLength;
  }

  /** LINKTYPE of the current packet; for pcapng, that of its interface. */
  public int linkType() {
    return linkType;
  }

  /** Big-endian view of the mapped file: the packet is {@code [offset(), offset()+capturedLength())}. */
  public ByteBuffer buffer() {
    return packetView;
  }

  public int offset() {
    return packetOffset;
  }

  /** Bytes of the file consumed so far. */
  public long position() {
    return position;
  }

  /** File size in bytes. */
  public long size() {
    return size;
  }

  public long packetsRead() {
    return packetsRead;
  }

  /** {@code "pcap"} or {@code "pcapng"}. */
  public String format() {
    return pcapng ? "pcapng" : "pcap";
  }

  @Override
  public void close() throws IOException {
    closed = true;
    window = null;
    packetView = null;
    channel.close();
  }

  // ---------------------------------------------------------------- mapping and reading

  /**
   * Makes {@code [filePosition, filePosition + length)} addressable and returns the offset of
   * {@code filePosition} inside {@link #window}. Callers have checked the range is in the file.
   */
  private int map(long filePosition, int length) {
    if (window != null && filePosition >= windowStart && filePosition + length <= windowEnd) {
      return (int) (filePosition - windowStart);
    }
    long mapLength = Math.min(Math.max(windowSize, length), size - filePosition);
    try {
      window = channel.map(FileChannel.MapMode.READ_ONLY, filePosition, mapLength);
    } catch (IOException e) {
      throw new CaptureFileException("cannot map " + mapLength + " bytes at byte offset "
          + filePosition + ": " + e.getMessage(), filePosition, e);
    }
    window.order(order);
    packetView = window.duplicate().order(ByteOrder.BIG_ENDIAN);
    windowStart = filePosition;
    windowEnd = filePosition + mapLength;
    touchedUpTo = 0;
    return 0;
  }

  /**
   * Touches one byte per cache line of the next slice before the walk reaches it. Walking record
   * to record is a chain of dependent loads (each length says where the next header is), so every
   * cache or TLB miss stalls it; independent loads ahead of it overlap those misses instead.
   */
  private void readAhead(int rel) {
    if (rel + READ_AHEAD_SLICE < touchedUpTo) {
      return;
    }
    int from = Math.max(touchedUpTo, rel);
    int to = (int) Math.min((long) from + READ_AHEAD_SLICE, windowEnd - windowStart);
    int sum = 0;
    for (int i = from; i < to; i += CACHE_LINE) {
      sum += window.get(i);
    }
    readAheadSink += sum;
    touchedUpTo = to;
  }

  private int u16(int rel) {
    return window.getShort(rel) & 0xffff;
  }

  private long u32(int rel) {
    return window.getInt(rel) & 0xffffffffL;
  }

  private String after() {
    return " (after " + packetsRead + " packets)";
  }

  private static String printable(int magic) {
    StringBuilder text = new StringBuilder(" (\"");
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (magic >>> shift) & 0xff;
      if (c < 0x20 || c > 0x7e) {
        return "";
      }
      text.append((char) c);
    }
    return text.append("\")").toString();
  }
}

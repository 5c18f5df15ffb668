package io.watchfloor.protocol.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.SharedCaptures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CaptureFileReaderTest {

  private static final byte[] FRAME = {1, 2, 3, 4, 5, 6, 7};
  private static final DateTimeFormatter MANIFEST_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  @TempDir Path tmp;

  static List<SharedCaptures.Entry> sharedCaptures() {
    return SharedCaptures.entries();
  }

  // ------------------------------------------------------------------ real files

  @ParameterizedTest
  @MethodSource("sharedCaptures")
  void shouldReadEveryPacketTheManifestLists(SharedCaptures.Entry entry) throws IOException {
    int expectedLinkType = entry.linkType().equals("linux-sll") ? LinkTypes.LINUX_SLL
        : LinkTypes.ETHERNET;
    long firstPacketNanos = LocalDateTime.parse(entry.firstPacketUtc(), MANIFEST_TIME)
        .toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000
        + LocalDateTime.parse(entry.firstPacketUtc(), MANIFEST_TIME).getNano() % 1_000_000;
    try (CaptureFileReader reader = CaptureFileReader.open(entry.path())) {
      assertThat(reader.format()).isEqualTo(entry.file().endsWith(".pcapng") ? "pcapng" : "pcap");
      long packets = 0;
      while (reader.next()) {
        if (packets == 0) {
          assertThat(reader.timestampNanos() / 1000).isEqualTo(firstPacketNanos / 1000);
        }
        packets++;
        assertThat(reader.linkType()).isEqualTo(expectedLinkType);
        assertThat(reader.capturedLength()).isPositive().isLessThanOrEqualTo(
            Math.max(reader.originalLength(), 65535));
        assertThat(reader.offset() + reader.capturedLength())
            .isLessThanOrEqualTo(reader.buffer().capacity());
      }
      assertThat(packets).isEqualTo(entry.packets());
      assertThat(reader.packetsRead()).isEqualTo(entry.packets());
      assertThat(reader.position()).isEqualTo(reader.size()).isEqualTo(Files.size(entry.path()));
      assertThat(reader.next()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("sharedCaptures")
  void shouldReadTheSameBytesWhenRemappingSmallWindows(SharedCaptures.Entry entry)
      throws IOException {
    long whole;
    try (CaptureFileReader reader = CaptureFileReader.open(entry.path())) {
      whole = checksum(reader);
    }
    try (CaptureFileReader reader = CaptureFileReader.open(entry.path(), 4096)) {
      assertThat(checksum(reader)).isEqualTo(whole);
    }
  }

  @Test
  void shouldReadPastTwoGibibytesThroughSlidingWindows() throws IOException {
    // A sparse file: 11 records of 200 MiB of zeros, then one small record, 2.2 GB in all.
    Path file = tmp.resolve("big.pcap");
    int big = 200 << 20;
    int records = 11;
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.write(CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROS, 1)
          .build());
      long position = 24;
      for (int i = 0; i < records; i++) {
        out.seek(position);
        out.write(new CaptureBuilder(ByteOrder.LITTLE_ENDIAN).i32(i).i32(0).i32(big).i32(big)
            .build());
        position += 16 + big;
      }
      out.seek(position);
      out.write(new CaptureBuilder(ByteOrder.LITTLE_ENDIAN).pcapRecord(99, 5, FRAME, 7).build());
    }
    assertThat(Files.size(file)).isGreaterThan(1L << 31);
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      for (int i = 0; i < records; i++) {
        assertThat(reader.next()).isTrue();
        assertThat(reader.capturedLength()).isEqualTo(big);
        assertThat(reader.timestampNanos()).isEqualTo(i * 1_000_000_000L);
      }
      assertThat(reader.next()).isTrue();
      assertThat(packetBytes(reader)).containsExactly(FRAME);
      assertThat(reader.timestampNanos()).isEqualTo(99_000_005_000L);
      assertThat(reader.next()).isFalse();
      assertThat(reader.position()).isEqualTo(Files.size(file));
    }
  }

  // ------------------------------------------------------------------ classic pcap variants

  @Test
  void shouldReadBigEndianNanosecondPcap() throws IOException {
    Path file = CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, CaptureBuilder.PCAP_NANOS, 101)
        .pcapRecord(1_700_000_000L, 123_456_789L, FRAME, 1500)
        .write(tmp, "nanos.pcap");
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
      assertThat(reader.linkType()).isEqualTo(LinkTypes.RAW);
      assertThat(reader.capturedLength()).isEqualTo(7);
      assertThat(reader.originalLength()).isEqualTo(1500);
      assertThat(packetBytes(reader)).containsExactly(FRAME);
      assertThat(reader.next()).isFalse();
    }
  }

  @Test
  void shouldReadLittleEndianMicrosecondPcapAndIgnoreFcsBitsOfTheLinkType() throws IOException {
    Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROS,
            0x1000_0000 | 1)
        .pcapRecord(10, 999_999, FRAME, 7)
        .write(tmp, "micros.pcap");
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.timestampNanos()).isEqualTo(10_999_999_000L);
      assertThat(reader.linkType()).isEqualTo(LinkTypes.ETHERNET);
    }
  }

  @Test
  void shouldRejectAnEmptyFile() throws IOException {
    Path file = Files.write(tmp.resolve("empty.pcap"), new byte[0]);
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class).hasMessage("file is empty");
  }

  @Test
  void shouldRejectAFileShorterThanThePcapHeader() throws IOException {
    byte[] header = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROS, 1)
        .build();
    Path file = Files.write(tmp.resolve("short.pcap"), Arrays.copyOf(header, 10));
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessage("file is 10 bytes, shorter than the 24-byte pcap header");
  }

  @Test
  void shouldRejectATextFileNamingTheMagicFound() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.pcap"), "HTTP/1.1 200 OK\r\n\r\nhello",
        StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessageStartingWith("not a capture file: found magic number 0x48545450 (\"HTTP\")");
  }

  @Test
  void shouldRejectAnUnsupportedPcapVersion() throws IOException {
    byte[] bytes = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROS, 1)
        .build();
    bytes[4] = 3;
    Path file = Files.write(tmp.resolve("v3.pcap"), bytes);
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessage("unsupported pcap version 3.4, expected 2.x");
  }

  @Test
  void shouldRejectANonsenseSnapLength() throws IOException {
    byte[] bytes = CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, CaptureBuilder.PCAP_MICROS, 1)
        .build();
    bytes[16] = (byte) 0xff;
    Path file = Files.write(tmp.resolve("snaplen.pcap"), bytes);
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessageContaining("snaplen 4278255615 is larger than");
  }

  @Test
  void shouldRejectReservedBitsInTheLinkType() throws IOException {
    Path file = CaptureBuilder.pcap(ByteOrder.BIG_ENDIAN, CaptureBuilder.PCAP_MICROS, 0x00ff0001)
        .write(tmp, "linktype.pcap");
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessageContaining("link type field 0x00ff0001 has reserved bits");
  }

  @Test
  void shouldReportARecordCutMidwayWithItsOffsetAndThePacketsReadSoFar() throws IOException {
    Path original = SharedCaptures.dir().resolve("bruteforce_ssh_guessing.pcap");
    long fourthRecord = positionAfter(original, 3);
    Path cut = truncatedCopy(original, fourthRecord + 16 + 5);
    try (CaptureFileReader reader = CaptureFileReader.open(cut)) {
      skip(reader, 3);
      assertThatThrownBy(reader::next)
          .isInstanceOf(CaptureFileException.class)
          .hasMessageStartingWith("truncated record at byte offset " + fourthRecord
              + ": header says captured length ")
          .hasMessageContaining("but only 5 bytes remain")
          .hasMessageEndingWith("(after 3 packets)")
          .extracting(e -> ((CaptureFileException) e).byteOffset()).isEqualTo(fourthRecord);
    }
  }

  @Test
  void shouldReportARecordHeaderCutMidway() throws IOException {
    Path original = SharedCaptures.dir().resolve("bruteforce_ssh_guessing.pcap");
    long fourthRecord = positionAfter(original, 3);
    Path cut = truncatedCopy(original, fourthRecord + 7);
    try (CaptureFileReader reader = CaptureFileReader.open(cut)) {
      skip(reader, 3);
      assertThatThrownBy(reader::next)
          .isInstanceOf(CaptureFileException.class)
          .hasMessage("truncated record header at byte offset " + fourthRecord
              + ": a record header is 16 bytes but only 7 remain (after 3 packets)");
    }
  }

  @Test
  void shouldReportACapturedLengthBeyondTheMaximumAsCorrupt() throws IOException {
    Path file = CaptureBuilder.pcap(ByteOrder.LITTLE_ENDIAN, CaptureBuilder.PCAP_MICROS, 1)
        .pcapRecord(1, 0, FRAME, 7)
        .i32(2).i32(0).i32(0x7fff_0000).i32(64).bytes(FRAME)
        .write(tmp, "corrupt.pcap");
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThatThrownBy(reader::next)
          .isInstanceOf(CaptureFileException.class)
          .hasMessageContaining("corrupt record at byte offset 47: header says captured length "
              + 0x7fff_0000)
          .hasMessageEndingWith("(after 1 packets)");
    }
  }

  // ------------------------------------------------------------------ pcapng

  @Test
  void shouldReadPcapngWithBinaryTimestampResolutionInBigEndian() throws IOException {
    Path file = new CaptureBuilder(ByteOrder.BIG_ENDIAN)
        .sectionHeader()
        .interfaceDescription(LinkTypes.ETHERNET, 0x80 | 20) // 2^-20 s
        .enhancedPacket(0, (5L << 20) | (1 << 19), FRAME, 60) // 5.5 s
        .write(tmp, "binary.pcapng");
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.format()).isEqualTo("pcapng");
      assertThat(reader.next()).isTrue();
      assertThat(reader.timestampNanos()).isEqualTo(5_500_000_000L);
      assertThat(reader.originalLength()).isEqualTo(60);
      assertThat(packetBytes(reader)).containsExactly(FRAME);
      assertThat(reader.next()).isFalse();
    }
  }

  @Test
  void shouldReadSimpleAndObsoleteBlocksAndSkipUnknownOnes() throws IOException {
    Path file = new CaptureBuilder(ByteOrder.LITTLE_ENDIAN)
        .sectionHeader()
        .interfaceDescription(LinkTypes.RAW, 9) // nanoseconds
        .block(0x0000_0bad, b -> b.i32(42))
        .enhancedPacket(0, 7_000_000_001L, FRAME, 7)
        .simplePacket(FRAME, 7)
        .obsoletePacket(0, 8_000_000_002L, new byte[] {9}, 1)
        .block(5, b -> b.i32(0).i32(0).i32(0)) // interface statistics
        .write(tmp, "blocks.pcapng");
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.timestampNanos()).isEqualTo(7_000_000_001L);
      assertThat(reader.next()).isTrue();
      assertThat(packetBytes(reader)).containsExactly(FRAME);
      assertThat(reader.timestampNanos()).as("simple packets repeat the last timestamp")
          .isEqualTo(7_000_000_001L);
      assertThat(reader.next()).isTrue();
      assertThat(packetBytes(reader)).containsExactly(9);
      assertThat(reader.timestampNanos()).isEqualTo(8_000_000_002L);
      assertThat(reader.linkType()).isEqualTo(LinkTypes.RAW);
      assertThat(reader.next()).isFalse();
      assertThat(reader.packetsRead()).isEqualTo(3);
    }
  }

  @Test
  void shouldStartOverInterfacesAndByteOrderAtEachSection() throws IOException {
    byte[] first = new CaptureBuilder(ByteOrder.LITTLE_ENDIAN)
        .sectionHeader()
        .interfaceDescription(LinkTypes.ETHERNET, -1)
        .interfaceDescription(LinkTypes.LINUX_SLL, -1)
        .enhancedPacket(1, 1_000_000, FRAME, 7)
        .build();
    byte[] second = new CaptureBuilder(ByteOrder.BIG_ENDIAN)
        .sectionHeader()
        .interfaceDescription(LinkTypes.LINUX_SLL2, 3)
        .enhancedPacket(0, 2_000, FRAME, 7)
        .build();
    Path file = Files.write(tmp.resolve("sections.pcapng"), concat(first, second));
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.linkType()).isEqualTo(LinkTypes.LINUX_SLL);
      assertThat(reader.timestampNanos()).isEqualTo(1_000_000_000L);
      assertThat(reader.next()).isTrue();
      assertThat(reader.linkType()).isEqualTo(LinkTypes.LINUX_SLL2);
      assertThat(reader.timestampNanos()).isEqualTo(2_000_000_000L);
      assertThat(reader.next()).isFalse();
    }
  }

  @Test
  void shouldRejectAPacketOfAnUndescribedInterface() throws IOException {
    Path file = new CaptureBuilder(ByteOrder.LITTLE_ENDIAN)
        .sectionHeader()
        .interfaceDescription(LinkTypes.ETHERNET, -1)
        .enhancedPacket(3, 0, FRAME, 7)
        .write(tmp, "interface.pcapng");
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThatThrownBy(reader::next)
          .isInstanceOf(CaptureFileException.class)
          .hasMessageContaining("refers to interface 3 but the section has described only 1");
    }
  }

  @Test
  void shouldRejectABlockWhoseTrailingLengthDisagrees() throws IOException {
    byte[] bytes = new CaptureBuilder(ByteOrder.LITTLE_ENDIAN)
        .sectionHeader()
        .interfaceDescription(LinkTypes.ETHERNET, -1)
        .build();
    bytes[bytes.length - 4] = 99;
    Path file = Files.write(tmp.resolve("trailer.pcapng"), bytes);
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThatThrownBy(reader::next)
          .isInstanceOf(CaptureFileException.class)
          .hasMessageContaining("says total length 20 at its start but 99 at its end");
    }
  }

  @Test
  void shouldReportAPcapngBlockCutMidway() throws IOException {
    Path original = SharedCaptures.dir().resolve("scan_nmap_syn_1000ports.pcapng");
    long blockStart = positionAfter(original, 10);
    Path cut = truncatedCopy(original, blockStart + 40);
    try (CaptureFileReader reader = CaptureFileReader.open(cut)) {
      skip(reader, 10);
      assertThatThrownBy(reader::next)
          .isInstanceOf(CaptureFileException.class)
          .hasMessageStartingWith("truncated block at byte offset " + blockStart
              + ": block type 0x00000006 says total length ")
          .hasMessageEndingWith("but only 40 bytes remain (after 10 packets)")
          .extracting(e -> ((CaptureFileException) e).byteOffset()).isEqualTo(blockStart);
    }
  }

  @Test
  void shouldRejectAPcapngFileShorterThanASectionHeader() throws IOException {
    byte[] bytes = Arrays.copyOf(new CaptureBuilder(ByteOrder.LITTLE_ENDIAN).sectionHeader()
        .build(), 16);
    Path file = Files.write(tmp.resolve("short.pcapng"), bytes);
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessage("file is 16 bytes, shorter than the 28-byte pcapng section header block");
  }

  @Test
  void shouldRejectAPcapngSectionWithABadByteOrderMagic() throws IOException {
    byte[] bytes = new CaptureBuilder(ByteOrder.LITTLE_ENDIAN).sectionHeader().build();
    bytes[8] = 0;
    Path file = Files.write(tmp.resolve("bom.pcapng"), bytes);
    assertThatThrownBy(() -> CaptureFileReader.open(file))
        .isInstanceOf(CaptureFileException.class)
        .hasMessageContaining("byte-order magic is 0x003c2b1a");
  }

  // ------------------------------------------------------------------ helpers

  private static long checksum(CaptureFileReader reader) {
    CRC32 crc = new CRC32();
    while (reader.next()) {
      crc.update(ByteBuffer.allocate(16).putLong(reader.timestampNanos())
          .putInt(reader.originalLength()).putInt(reader.linkType()).array());
      ByteBuffer packet = reader.buffer().duplicate();
      packet.limit(reader.offset() + reader.capturedLength()).position(reader.offset());
      crc.update(packet);
    }
    return crc.getValue();
  }

  private static byte[] packetBytes(CaptureFileReader reader) {
    byte[] bytes = new byte[reader.capturedLength()];
    reader.buffer().get(reader.offset(), bytes);
    return bytes;
  }

  private static long positionAfter(Path file, int packets) throws IOException {
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      skip(reader, packets);
      return reader.position();
    }
  }

  private static void skip(CaptureFileReader reader, int packets) {
    for (int i = 0; i < packets; i++) {
      assertThat(reader.next()).isTrue();
    }
  }

  private Path truncatedCopy(Path original, long length) throws IOException {
    byte[] bytes = Files.readAllBytes(original);
    return Files.write(tmp.resolve("cut-" + original.getFileName()),
        Arrays.copyOf(bytes, (int) length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}

package io.watchfloor.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

  @TempDir
  Path dir;

  @Test
  void shouldWriteLittleEndianMicrosecondEthernetHeader() throws IOException {
    Path file = dir.resolve("empty.pcap");
    try (PcapWriter ignored = PcapWriter.create(file)) {
      // header only
    }

    assertThat(Files.readAllBytes(file)).containsExactly(
        0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0xff, 0xff, 0, 0, 1, 0, 0, 0);
  }

  @Test
  void shouldWriteRecordHeaderWithSecondsMicrosAndLengths() throws IOException {
    Path file = dir.resolve("one.pcap");
    try (PcapWriter writer = PcapWriter.create(file)) {
      writer.writePacket(1_714_986_000_000_007L, new byte[] {1, 2, 3, 4}, 3);
    }

    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).hasSize(24 + 16 + 3);
    assertThat(java.util.Arrays.copyOfRange(bytes, 24, bytes.length)).containsExactly(
        0x10, 0x9c, 0x38, 0x66, 7, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0, 1, 2, 3);
  }

  @Test
  void shouldCutFramesLongerThanSnaplenButKeepOriginalLength() throws IOException {
    Path file = dir.resolve("long.pcap");
    try (PcapWriter writer = PcapWriter.create(file)) {
      writer.writePacket(0, new byte[70_000], 70_000);
    }

    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.capturedLength()).isEqualTo(PcapWriter.SNAPLEN);
      assertThat(reader.originalLength()).isEqualTo(70_000);
    }
  }

  @Test
  void shouldRejectNegativeTimestamp() throws IOException {
    try (PcapWriter writer = PcapWriter.create(dir.resolve("bad.pcap"))) {
      assertThatThrownBy(() -> writer.writePacket(-1, new byte[1], 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("found -1");
    }
  }

  @Test
  void shouldRejectLengthBeyondFrame() throws IOException {
    try (PcapWriter writer = PcapWriter.create(dir.resolve("bad.pcap"))) {
      assertThatThrownBy(() -> writer.writePacket(0, new byte[1], 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("found 2");
    }
  }
}

package io.watchfloor.protocol.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapFileWriterTest {
  @TempDir Path dir;

  @Test
  void shouldWriteFramesTheReaderReadsBackWithNanosecondTimes() throws IOException {
    Path file = dir.resolve("out.pcap");
    ByteBuffer direct = ByteBuffer.allocateDirect(100);
    for (int i = 0; i < 100; i++) {
      direct.put(i, (byte) i);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      PcapFileWriter w = new PcapFileWriter(out, 1, 64);
      w.write(1_700_000_000_123_456_789L, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), 1, 3, 3);
      w.write(1_700_000_001_000_000_001L, direct, 10, 80, 1500); // cut to the snaplen
      assertThat(w.packets()).isEqualTo(2);
      assertThat(w.bytes()).isEqualTo(24 + 16 + 3 + 16 + 64);
    }

    try (CaptureFileReader r = CaptureFileReader.open(file)) {
      assertThat(r.next()).isTrue();
      assertThat(r.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
      assertThat(r.capturedLength()).isEqualTo(3);
      assertThat(r.buffer().get(r.offset())).isEqualTo((byte) 2);
      assertThat(r.next()).isTrue();
      assertThat(r.timestampNanos()).isEqualTo(1_700_000_001_000_000_001L);
      assertThat(r.capturedLength()).isEqualTo(64);
      assertThat(r.originalLength()).isEqualTo(1500);
      assertThat(r.buffer().get(r.offset() + 63)).isEqualTo((byte) 73);
      assertThat(r.linkType()).isEqualTo(1);
      assertThat(r.next()).isFalse();
    }
  }
}

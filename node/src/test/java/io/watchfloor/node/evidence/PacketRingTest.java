package io.watchfloor.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.ip.IpAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketRingTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * SECOND;
  private static final int FRAME = 1_000;

  @TempDir Path dir;

  @Test
  void shouldRotateChunksBySizeAndKeepTheRingWithinItsBytes() throws IOException {
    // 64 KiB chunks (~64 frames), 256 KiB ring
    try (PacketRing ring = new PacketRing(dir, 1, settings(256 * 1024, Duration.ofHours(1)))) {
      for (int i = 0; i < 1_000; i++) {
        ring.append(T0 + i * SECOND / 100, frame(10, 20), 0, FRAME, FRAME);
      }

      assertThat(ring.bytes()).isLessThanOrEqualTo(256 * 1024 + 64 * 1024);
      assertThat(ring.droppedChunks()).isPositive();
      assertThat(chunkFiles()).hasSize(ring.chunks());
    }
  }

  @Test
  void shouldDeleteChunksOlderThanMaxAge() throws IOException {
    try (PacketRing ring = new PacketRing(dir, 1, settings(64L << 20, Duration.ofMinutes(10)))) {
      ring.append(T0, frame(10, 20), 0, FRAME, FRAME);
      ring.append(T0 + 6 * 60 * SECOND, frame(10, 20), 0, FRAME, FRAME); // rotates: chunk-age 5 min
      ring.append(T0 + 30 * 60 * SECOND, frame(10, 20), 0, FRAME, FRAME); // both old chunks too old

      assertThat(ring.droppedChunks()).isEqualTo(2);
      assertThat(ring.parts(T0, T0 + 20 * 60 * SECOND)).isEmpty();
      assertThat(ring.parts(T0 + 29 * 60 * SECOND, T0 + 31 * 60 * SECOND)).hasSize(1);
    }
  }

  @Test
  void shouldExportOnlyTheHostsPacketsInTheRangeIncludingTheOpenChunk() throws IOException {
    try (PacketRing ring = new PacketRing(dir, 1, settings(64L << 20, Duration.ofHours(1)))) {
      for (int i = 0; i < 100; i++) {
        ring.append(T0 + i * SECOND, frame(10, i % 2 == 0 ? 20 : 30), 0, FRAME, FRAME);
      }

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PcapExtractor.Result r = PcapExtractor.extract(ring.parts(T0 + 10 * SECOND, T0 + 19 * SECOND),
          IpAddress.parse("10.0.0.20"), T0 + 10 * SECOND, T0 + 19 * SECOND, 1 << 20, 65_535, out);

      assertThat(r.packets()).isEqualTo(5); // seconds 10, 12, 14, 16, 18
      assertThat(r.truncated()).isFalse();
      assertThat(out.size()).isEqualTo(24 + 5 * (16 + FRAME));
    }
  }

  @Test
  void shouldStopAnExportAtItsByteLimit() throws IOException {
    try (PacketRing ring = new PacketRing(dir, 1, settings(64L << 20, Duration.ofHours(1)))) {
      for (int i = 0; i < 50; i++) {
        ring.append(T0 + i * SECOND, frame(10, 20), 0, FRAME, FRAME);
      }

      PcapExtractor.Result r = PcapExtractor.extract(ring.parts(T0, T0 + 60 * SECOND),
          IpAddress.parse("10.0.0.10"), T0, T0 + 60 * SECOND, 24 + 3 * (16 + FRAME) + 10, 65_535,
          new ByteArrayOutputStream());

      assertThat(r.packets()).isEqualTo(3);
      assertThat(r.truncated()).isTrue();
    }
  }

  @Test
  void shouldAdoptTheChunksOfAnEarlierRun() throws IOException {
    try (PacketRing first = new PacketRing(dir, 1, settings(64L << 20, Duration.ofHours(1)))) {
      first.append(T0, frame(10, 20), 0, FRAME, FRAME);
    }
    try (PacketRing second = new PacketRing(dir, 1, settings(64L << 20, Duration.ofHours(1)))) {
      second.append(T0 + 10 * SECOND, frame(10, 20), 0, FRAME, FRAME);

      List<EvidenceSource.Part> parts = second.parts(T0, T0 + 20 * SECOND);
      PcapExtractor.Result r = PcapExtractor.extract(parts, IpAddress.parse("10.0.0.20"), T0,
          T0 + 20 * SECOND, 1 << 20, 65_535, new ByteArrayOutputStream());

      assertThat(parts).hasSize(2);
      assertThat(r.packets()).isEqualTo(2);
    }
  }

  private List<Path> chunkFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".pcap")).toList();
    }
  }

  private EvidenceSettings settings(long maxBytes, Duration maxAge) {
    return new EvidenceSettings(dir, maxBytes, maxAge, 64 * 1024, Duration.ofMinutes(5), 65_535,
        Duration.ofSeconds(60), Duration.ofSeconds(10), 1 << 20);
  }

  /** An Ethernet + IPv4 + UDP frame of FRAME bytes from 10.0.0.a to 10.0.0.b. */
  private static ByteBuffer frame(int a, int b) {
    ByteBuffer f = ByteBuffer.allocate(FRAME);
    f.position(12);
    f.putShort((short) 0x0800);
    f.put((byte) 0x45).put((byte) 0).putShort((short) (FRAME - 14)).putInt(0);
    f.put((byte) 64).put((byte) 17).putShort((short) 0);
    f.putInt(10 << 24 | a).putInt(10 << 24 | b);
    f.putShort((short) 5000).putShort((short) 6000).putShort((short) (FRAME - 34)).putShort((short) 0);
    return f.clear();
  }
}

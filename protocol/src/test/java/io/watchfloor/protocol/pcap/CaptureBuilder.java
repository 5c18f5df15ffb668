package io.watchfloor.protocol.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Writes small pcap / pcapng files byte by byte for reader tests. */
final class CaptureBuilder {

  static final int PCAP_MICROS = 0xa1b2c3d4;
  static final int PCAP_NANOS = 0xa1b23c4d;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteOrder order;

  CaptureBuilder(ByteOrder order) {
    this.order = order;
  }

  static CaptureBuilder pcap(ByteOrder order, int magic, int linkType) {
    return new CaptureBuilder(order).i32(magic).i16(2).i16(4).i32(0).i32(0).i32(65535)
        .i32(linkType);
  }

  CaptureBuilder pcapRecord(long seconds, long fraction, byte[] data, int originalLength) {
    return i32(seconds).i32(fraction).i32(data.length).i32(originalLength).bytes(data);
  }

  CaptureBuilder sectionHeader() {
    return block(0x0a0d0d0a, b -> b.i32(0x1a2b3c4d).i16(1).i16(0).i64(-1));
  }

  /** Interface description; {@code tsresol} < 0 means no if_tsresol option. */
  CaptureBuilder interfaceDescription(int linkType, int tsresol) {
    return block(1, b -> {
      b.i16(linkType).i16(0).i32(0);
      if (tsresol >= 0) {
        b.i16(9).i16(1).bytes(new byte[] {(byte) tsresol, 0, 0, 0});
        b.i16(0).i16(0);
      }
    });
  }

  CaptureBuilder enhancedPacket(int interfaceId, long timestamp, byte[] data, int originalLength) {
    return block(6, b -> b.i32(interfaceId).i32(timestamp >>> 32).i32(timestamp)
        .i32(data.length).i32(originalLength).bytes(data).pad4());
  }

  CaptureBuilder obsoletePacket(int interfaceId, long timestamp, byte[] data, int originalLength) {
    return block(2, b -> b.i16(interfaceId).i16(0).i32(timestamp >>> 32).i32(timestamp)
        .i32(data.length).i32(originalLength).bytes(data).pad4());
  }

  CaptureBuilder simplePacket(byte[] data, int originalLength) {
    return block(3, b -> b.i32(originalLength).bytes(data).pad4());
  }

  CaptureBuilder block(int type, Consumer<CaptureBuilder> body) {
    CaptureBuilder content = new CaptureBuilder(order);
    body.accept(content);
    byte[] bytes = content.build();
    int length = 12 + bytes.length;
    return i32(type).i32(length).bytes(bytes).i32(length);
  }

  CaptureBuilder i16(int value) {
    return put(ByteBuffer.allocate(2).order(order).putShort((short) value));
  }

  CaptureBuilder i32(long value) {
    return put(ByteBuffer.allocate(4).order(order).putInt((int) value));
  }

  CaptureBuilder i64(long value) {
    return put(ByteBuffer.allocate(8).order(order).putLong(value));
  }

  CaptureBuilder bytes(byte[] data) {
    out.writeBytes(data);
    return this;
  }

  CaptureBuilder pad4() {
    while (out.size() % 4 != 0) {
      out.write(0);
    }
    return this;
  }

  byte[] build() {
    return out.toByteArray();
  }

  Path write(Path dir, String name) throws IOException {
    return Files.write(dir.resolve(name), build());
  }

  private CaptureBuilder put(ByteBuffer buffer) {
    out.writeBytes(buffer.array());
    return this;
  }
}

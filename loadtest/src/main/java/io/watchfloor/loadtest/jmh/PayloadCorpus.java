package io.watchfloor.loadtest.jmh;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Real payload for the payload-scanning benchmarks: the TCP/UDP payloads of a shared capture
 * (system property {@code watchfloor.bench.payload-pcap}, default the HTTP capture
 * {@code /work/shared/data/pcaps/benign_http_bro_org.pcap}), re-framed as Ethernet/IPv4/TCP frames
 * from an internal to an external address so the sensitive-data scan applies to every one, and a
 * deterministic set of content rules over it.
 */
final class PayloadCorpus {
  static final String PROPERTY = "watchfloor.bench.payload-pcap";
  private static final int MSS = 1460;

  final List<ByteBuffer> frames = new ArrayList<>();
  final byte[] payload;

  PayloadCorpus() {
    Path file = Path.of(System.getProperty(PROPERTY, "/work/shared/data/pcaps/benign_http_bro_org.pcap"));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    PacketDecoder decoder = new PacketDecoder();
    try (CaptureFileReader r = CaptureFileReader.open(file)) {
      while (r.next()) {
        DecodedPacket p = decoder.decode(r.linkType(), r.buffer(), r.offset(), r.capturedLength(),
            r.originalLength(), r.timestampNanos());
        if (p.payloadLength() > 0 && (p.ipProtocol() == 6 || p.ipProtocol() == 17)) {
          byte[] b = new byte[p.payloadLength()];
          p.buffer().get(p.payloadOffset(), b, 0, b.length);
          all.writeBytes(b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    payload = all.toByteArray();
    for (int at = 0; at < payload.length; at += MSS) {
      frames.add(frame(payload, at, Math.min(MSS, payload.length - at)));
    }
  }

  /**
   * {@code count} content rules: random alphanumeric strings of 6–16 characters, except
   * {@code fromCorpus} of them (spread evenly), which are substrings of the corpus and so match it;
   * every third rule is {@code nocase}.
   */
  String rules(int count, int fromCorpus) {
    int every = fromCorpus == 0 ? Integer.MAX_VALUE : count / fromCorpus;
    Random random = new Random(20261122);
    StringBuilder text = new StringBuilder();
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-";
    for (int i = 0; i < count; i++) {
      int length = 6 + random.nextInt(11);
      StringBuilder content = new StringBuilder();
      if (i % every == 0 && i / every < fromCorpus) {
        int at = random.nextInt(payload.length - length);
        for (int k = 0; k < length; k++) {
          int b = payload[at + k] & 0xff;
          content.append(b >= 0x20 && b < 0x7f && b != '"' && b != ';' && b != '\\' && b != '|'
              ? String.valueOf((char) b) : String.format("|%02x|", b));
        }
      } else {
        for (int k = 0; k < length; k++) {
          content.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      text.append("alert tcp any any -> any any (msg:\"bench ").append(i).append("\"; content:\"")
          .append(content).append("\";").append(i % 3 == 0 ? " nocase;" : "").append(" sid:")
          .append(1_000_000 + i).append(";)\n");
    }
    return text.toString();
  }

  Path writeRules(int count, int fromCorpus) {
    try {
      Path file = Files.createTempFile("bench", ".rules");
      Files.writeString(file, rules(count, fromCorpus), StandardCharsets.ISO_8859_1);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteBuffer frame(byte[] data, int from, int length) {
    ByteBuffer f = ByteBuffer.allocate(14 + 20 + 20 + length);
    f.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) 0x0800);
    f.put((byte) 0x45).put((byte) 0).putShort((short) (40 + length)).putShort((short) 1)
        .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
        .putInt(0x0a000001).putInt(0xcb007101);
    f.putShort((short) 40000).putShort((short) 8080).putInt(from).putInt(0)
        .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putInt(0);
    f.put(data, from, length);
    return f.flip();
  }
}

package io.watchfloor.models.inspect;

import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.ip.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small classic-pcap captures of Ethernet/IPv4 TCP conversations and UDP datagrams for the
 * payload tests: handshake, data segments with real sequence numbers, FIN exchange. Checksums are
 * left zero (offloaded), which the decoder accepts.
 */
final class TestCapture {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long timeMicros;
  private int ipId = 1;

  TestCapture(long startMillis) {
    timeMicros = startMillis * 1000;
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    out.writeBytes(h.array());
  }

  /** One TCP conversation: handshake, the client's and server's payloads in turn, then FINs. */
  TestCapture tcp(String client, int clientPort, String server, int serverPort, String... clientThenServer) {
    int c = ipv4(client);
    int s = ipv4(server);
    long cSeq = 1000;
    long sSeq = 5000;
    segment(c, clientPort, s, serverPort, cSeq, 0, 0x02, new byte[0]);
    segment(s, serverPort, c, clientPort, sSeq, cSeq + 1, 0x12, new byte[0]);
    cSeq++;
    sSeq++;
    segment(c, clientPort, s, serverPort, cSeq, sSeq, 0x10, new byte[0]);
    for (int i = 0; i < clientThenServer.length; i++) {
      byte[] data = clientThenServer[i].getBytes(StandardCharsets.ISO_8859_1);
      if (data.length == 0) {
        continue;
      }
      if (i % 2 == 0) {
        segment(c, clientPort, s, serverPort, cSeq, sSeq, 0x18, data);
        cSeq += data.length;
      } else {
        segment(s, serverPort, c, clientPort, sSeq, cSeq, 0x18, data);
        sSeq += data.length;
      }
    }
    segment(c, clientPort, s, serverPort, cSeq, sSeq, 0x11, new byte[0]);
    segment(s, serverPort, c, clientPort, sSeq, cSeq + 1, 0x11, new byte[0]);
    segment(c, clientPort, s, serverPort, cSeq + 1, sSeq + 1, 0x10, new byte[0]);
    return this;
  }

  /** Client data split into one segment per character (Telnet typing). */
  TestCapture tcpTyped(String client, int clientPort, String server, int serverPort, String banner, String typed) {
    int c = ipv4(client);
    int s = ipv4(server);
    segment(c, clientPort, s, serverPort, 1000, 0, 0x02, new byte[0]);
    segment(s, serverPort, c, clientPort, 5000, 1001, 0x12, new byte[0]);
    segment(c, clientPort, s, serverPort, 1001, 5001, 0x10, new byte[0]);
    byte[] b = banner.getBytes(StandardCharsets.ISO_8859_1);
    segment(s, serverPort, c, clientPort, 5001, 1001, 0x18, b);
    long seq = 1001;
    for (char ch : typed.toCharArray()) {
      segment(c, clientPort, s, serverPort, seq++, 5001 + b.length, 0x18, new byte[] {(byte) ch});
    }
    return this;
  }

  TestCapture udp(String client, int clientPort, String server, int serverPort, byte[] payload) {
    byte[] udp = ByteBuffer.allocate(8 + payload.length).putShort((short) clientPort)
        .putShort((short) serverPort).putShort((short) (8 + payload.length)).putShort((short) 0)
        .put(payload).array();
    frame(ipv4(client), ipv4(server), 17, udp);
    return this;
  }

  /** Advances the capture clock. */
  TestCapture pause(long millis) {
    timeMicros += millis * 1000;
    return this;
  }

  Path write(Path file) {
    try {
      Files.write(file, out.toByteArray());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void segment(int src, int sport, int dst, int dport, long seq, long ack, int flags, byte[] data) {
    ByteBuffer t = ByteBuffer.allocate(20 + data.length);
    t.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
    t.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
    t.put(data);
    frame(src, dst, 6, t.array());
  }

  private void frame(int src, int dst, int protocol, byte[] transport) {
    int length = 14 + 20 + transport.length;
    ByteBuffer f = ByteBuffer.allocate(length);
    f.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) 0x0800);
    f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport.length)).putShort((short) ipId++)
        .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(src).putInt(dst);
    f.put(transport);
    ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    r.putInt((int) (timeMicros / 1_000_000)).putInt((int) (timeMicros % 1_000_000)).putInt(length).putInt(length);
    out.writeBytes(r.array());
    out.writeBytes(f.array());
    timeMicros += 1000;
  }

  private static int ipv4(String text) {
    return IpAddresses.ipv4(IpAddress.parse(text).lo());
  }
}

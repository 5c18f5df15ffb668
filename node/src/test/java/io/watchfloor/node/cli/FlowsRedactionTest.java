package io.watchfloor.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.pcap.PcapFileWriter;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watchfloor flows} prints flow metadata masked as the analyze path stores it: a card number
 * in a request URL never reaches standard output in clear.
 */
class FlowsRedactionTest {
  private static final int LINKTYPE_ETHERNET = 1;
  private static final String CARD = "4111111111111111";

  @TempDir Path dir;

  @Test
  void shouldMaskACardNumberInARequestUrl() throws Exception {
    Path pcap = dir.resolve("card-in-url.pcap");
    writeRequest(pcap, "GET /pay?card=" + CARD + " HTTP/1.1\r\nHost: shop.example\r\n\r\n");

    CliRun run = CliRun.of("flows", "--pcap", pcap.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"url.original\"").contains("1111").doesNotContain(CARD);
  }

  @Test
  void shouldPrintAnOrdinaryUrlUnchanged() throws Exception {
    Path pcap = dir.resolve("plain-url.pcap");
    writeRequest(pcap, "GET /index.html?page=2 HTTP/1.1\r\nHost: shop.example\r\n\r\n");

    CliRun run = CliRun.of("flows", "--pcap", pcap.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("/index.html?page=2");
  }

  /** A client at 10.0.0.5 opens a connection to 203.0.113.7:80 and sends {@code request}. */
  private static void writeRequest(Path file, String request) throws Exception {
    byte[] payload = request.getBytes(StandardCharsets.ISO_8859_1);
    try (OutputStream out = Files.newOutputStream(file)) {
      PcapFileWriter w = new PcapFileWriter(out, LINKTYPE_ETHERNET, PcapFileWriter.DEFAULT_SNAPLEN);
      long t = 1_700_000_000_000_000_000L;
      write(w, t, frame(true, 0x02, 1000, 0, new byte[0]));
      write(w, t + 1_000_000, frame(false, 0x12, 5000, 1001, new byte[0]));
      write(w, t + 2_000_000, frame(true, 0x10, 1001, 5001, new byte[0]));
      write(w, t + 3_000_000, frame(true, 0x18, 1001, 5001, payload));
    }
  }

  private static void write(PcapFileWriter w, long t, byte[] frame) throws Exception {
    w.write(t, ByteBuffer.wrap(frame), 0, frame.length, frame.length);
  }

  /** Ethernet + IPv4 (checksum left 0: "not computed", as with offload) + TCP without options. */
  private static byte[] frame(boolean fromClient, int flags, long seq, long ack, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + 20 + payload.length);
    byte[] client = {10, 0, 0, 5};
    byte[] server = {(byte) 203, 0, 113, 7};
    b.put(new byte[] {2, 0, 0, 0, 0, (fromClient ? (byte) 2 : (byte) 1)});
    b.put(new byte[] {2, 0, 0, 0, 0, (fromClient ? (byte) 1 : (byte) 2)});
    b.putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putShort((short) 1)
        .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0);
    b.put(fromClient ? client : server).put(fromClient ? server : client);
    b.putShort((short) (fromClient ? 40000 : 80)).putShort((short) (fromClient ? 80 : 40000));
    b.putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 65535)
        .putShort((short) 0).putShort((short) 0);
    b.put(payload);
    return b.array();
  }
}

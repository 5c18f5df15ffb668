package io.watchfloor.models.flow;

import java.nio.ByteBuffer;

/** Ethernet/IPv4 frames built from fields, for synthetic flow tests. */
final class Frames {
  private Frames() {}

  static ByteBuffer tcp(int src, int sport, int dst, int dport, int flags, int ipId, int payload) {
    return ipv4(6, src, dst, ipId, 0, transport(20, payload, b -> {
      b.putShort((short) sport).putShort((short) dport).putInt(1000).putInt(0)
          .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
    }));
  }

  static ByteBuffer udp(int src, int sport, int dst, int dport, int ipId, int payload) {
    return ipv4(17, src, dst, ipId, 0, transport(8, payload, b ->
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload)).putShort((short) 0)));
  }

  /** An IPv4 fragment carrying {@code body} (already including any transport header). */
  static ByteBuffer fragment(int protocol, int src, int dst, int ipId, int offsetBytes, boolean more, byte[] body) {
    return ipv4(protocol, src, dst, ipId, (offsetBytes / 8) | (more ? 0x2000 : 0), body);
  }

  static byte[] transport(int header, int payload, java.util.function.Consumer<ByteBuffer> fill) {
    ByteBuffer b = ByteBuffer.allocate(header + payload);
    fill.accept(b);
    return b.array();
  }

  static ByteBuffer ipv4(int protocol, int src, int dst, int ipId, int fragmentField, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + body.length);
    b.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + body.length)).putShort((short) ipId)
        .putShort((short) fragmentField).put((byte) 64).put((byte) protocol).putShort((short) 0)
        .putInt(src).putInt(dst).put(body);
    return b.flip();
  }
}

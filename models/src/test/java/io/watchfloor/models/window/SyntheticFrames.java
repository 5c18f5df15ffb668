package io.watchfloor.models.window;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.nio.ByteBuffer;

/** Minimal Ethernet/IPv4/TCP frames, decoded by the real decoder, for cases no capture holds. */
final class SyntheticFrames {
  static final int SYN = 0x02;
  static final int SYN_ACK = 0x12;
  static final int RST_ACK = 0x14;
  private static final int FRAME_LENGTH = 14 + 20 + 20;

  private final PacketDecoder decoder = new PacketDecoder();

  DecodedPacket tcp(int src, int dst, int srcPort, int dstPort, int flags, long tsMillis) {
    ByteBuffer b = ByteBuffer.allocate(FRAME_LENGTH);
    b.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 1).putShort((short) 0);
    b.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
    b.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0);
    b.put((byte) 0x50).put((byte) flags).putShort((short) 1024).putShort((short) 0).putShort((short) 0);
    return decoder.decode(LinkTypes.ETHERNET, b, 0, FRAME_LENGTH, FRAME_LENGTH, tsMillis * 1_000_000L);
  }

  static int ipv4(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }
}

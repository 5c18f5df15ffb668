package io.watchfloor.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.IpProtocols;
import io.watchfloor.protocol.decode.Malformation;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.LinkTypes;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameBuilderIcmpTest {

  private final FrameBuilder builder = new FrameBuilder();

  @Test
  void shouldBuildEchoRequestTheDecoderReads() {
    byte[] payload = new byte[57]; // odd length exercises the checksum's last byte
    int length = builder.icmp(Ipv4.parse("10.1.0.5"), Ipv4.parse("203.0.113.9"), 8, 0,
        (0x1234 << 16) | 7, payload, 0, payload.length);

    DecodedPacket p = new PacketDecoder().decode(LinkTypes.ETHERNET,
        ByteBuffer.wrap(builder.frame()), 0, length, length, 0);

    assertThat(length).isEqualTo(14 + 20 + 8 + 57);
    assertThat(p.malformation()).isEqualTo(Malformation.NONE);
    assertThat(p.ipProtocol()).isEqualTo(IpProtocols.ICMP);
    assertThat(p.icmpType()).isEqualTo(8);
    assertThat(p.icmpCode()).isZero();
    assertThat(p.payloadLength()).isEqualTo(57);
  }

  @Test
  void shouldComputeValidIcmpChecksum() {
    byte[] payload = {1, 2, 3};
    int length = builder.icmp(Ipv4.parse("10.1.0.5"), Ipv4.parse("10.0.0.10"), 0, 0, 42,
        payload, 0, payload.length);
    byte[] f = builder.frame();
    long sum = 0;
    int p = 34;
    for (; p + 1 < length; p += 2) {
      sum += ((f[p] & 0xff) << 8) | (f[p + 1] & 0xff);
    }
    if (p < length) {
      sum += (f[p] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    assertThat(sum).isEqualTo(0xffff);
  }
}

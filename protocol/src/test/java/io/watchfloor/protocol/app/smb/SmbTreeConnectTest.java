package io.watchfloor.protocol.app.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.SharedCaptures;
import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Share names of real SMB2 TREE_CONNECT requests (tshark -Y smb2.cmd==3 -e smb2.tree agrees). */
class SmbTreeConnectTest {

  @Test
  void shouldReadTheSharesOfPsexecAndOfACopyFromCDollar() throws IOException {
    assertThat(shares("lateral_smb_psexec_add_user.pcap")).containsExactly("ADMIN$", "IPC$", "ADMIN$");
    assertThat(shares("lateral_smb_mimikatz_copy_to_host.pcap")).containsExactly("C$");
  }

  @Test
  void shouldTellAdministrativeSharesFromFileShares() {
    assertThat(SmbTreeConnect.isAdministrative("ADMIN$")).isTrue();
    assertThat(SmbTreeConnect.isAdministrative("C$")).isTrue();
    assertThat(SmbTreeConnect.isAdministrative("IPC$")).isTrue();
    assertThat(SmbTreeConnect.isAdministrative("PROJECTS")).isFalse();
    assertThat(SmbTreeConnect.isAdministrative("HOME$X")).isFalse();
  }

  @Test
  void shouldIgnoreOtherPayloadsAndTruncatedRequests() {
    assertThat(SmbTreeConnect.share(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes()), 0, 16)).isEmpty();
    byte[] header = new byte[70];
    header[0] = (byte) 0xFE;
    header[1] = 'S';
    header[2] = 'M';
    header[3] = 'B';
    header[12] = 3;
    assertThat(SmbTreeConnect.share(ByteBuffer.wrap(header), 0, header.length)).isEmpty();
  }

  private static List<String> shares(String capture) throws IOException {
    List<String> out = new ArrayList<>();
    PacketDecoder decoder = new PacketDecoder();
    try (CaptureFileReader r = CaptureFileReader.open(SharedCaptures.dir().resolve(capture))) {
      while (r.next()) {
        DecodedPacket p = decoder.decode(r.linkType(), r.buffer(), r.offset(), r.capturedLength(),
            r.originalLength(), r.timestampNanos());
        if (p.payloadLength() > 0) {
          SmbTreeConnect.share(r.buffer(), p.payloadOffset(), p.payloadLength()).ifPresent(out::add);
        }
      }
    }
    return out;
  }
}

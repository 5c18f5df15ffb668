package io.watchfloor.loadtest.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.decode.DecodedPacket;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.netflow.DecodeResult;
import io.watchfloor.protocol.netflow.FlowExportDecoder;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NetFlow v9 export of a short run, read back with the protocol module's decoder. */
class NetflowV9ExportTest {

  @TempDir
  static Path dir;

  private static SynthTraffic.Summary summary;
  private static final List<FlowRecord> FLOWS = new ArrayList<>();
  private static final List<Long> EXPORT_TIMES = new ArrayList<>();
  private static int datagrams;
  private static int failed;

  @BeforeAll
  static void generateAndDecode() throws IOException {
    Path netflow = dir.resolve("netflow.pcap");
    summary = new SynthTraffic(new SynthTraffic.Parameters(20, 1, 9,
        SynthTraffic.DEFAULT_START.plusSeconds(10 * 3_600)))
        .write(dir.resolve("synth.pcap"), dir.resolve("truth.tsv"), netflow, n -> { });
    FlowExportDecoder decoder = new FlowExportDecoder();
    PacketDecoder packets = new PacketDecoder();
    try (CaptureFileReader reader = CaptureFileReader.open(netflow)) {
      while (reader.next()) {
        DecodedPacket p = packets.decode(reader.linkType(), reader.buffer(), reader.offset(),
            reader.capturedLength(), reader.originalLength(), reader.timestampNanos());
        assertThat(p.dstPort()).isEqualTo(NetflowV9Export.PORT);
        ByteBuffer udpPayload = reader.buffer().duplicate();
        int payload = reader.offset() + 14 + 20 + 8;
        udpPayload.limit(reader.offset() + reader.capturedLength()).position(payload);
        DecodeResult r = decoder.decode(udpPayload.slice(), "10.0.0.254");
        datagrams++;
        failed += r.ok() ? 0 : 1;
        FLOWS.addAll(r.flows());
        EXPORT_TIMES.add(reader.timestampNanos());
      }
    }
  }

  @Test
  void shouldDecodeEveryDatagram() {
    assertThat(datagrams).isPositive();
    assertThat(failed).isZero();
  }

  @Test
  void shouldAccountForEveryPacketOfTheCaptureExactlyOnce() {
    long packets = FLOWS.stream().mapToLong(f -> f.sourcePackets() + f.destinationPackets()).sum();

    assertThat(packets).isEqualTo(summary.packets());
  }

  @Test
  void shouldExportInTimeOrderAndOnlyFlowsThatHaveEnded() {
    for (int i = 1; i < EXPORT_TIMES.size(); i++) {
      assertThat(EXPORT_TIMES.get(i)).isGreaterThanOrEqualTo(EXPORT_TIMES.get(i - 1));
    }
    assertThat(FLOWS).allSatisfy(f -> assertThat(f.endNanos()).isGreaterThanOrEqualTo(f.startNanos()));
  }

  @Test
  void shouldCarryTheSessionsAddressesAndPorts() {
    assertThat(FLOWS).anySatisfy(f -> {
      assertThat(f.transport()).isEqualTo("udp");
      assertThat(f.destinationPort()).isEqualTo(53);
      assertThat(f.destinationIp()).isIn("10.0.0.2", "10.0.0.3");
    });
    assertThat(FLOWS).anySatisfy(f -> {
      assertThat(f.transport()).isEqualTo("tcp");
      assertThat(f.destinationPort()).isEqualTo(443);
    });
  }
}

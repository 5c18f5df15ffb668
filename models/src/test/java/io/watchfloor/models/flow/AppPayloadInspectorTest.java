package io.watchfloor.models.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.flow.FlowRecord;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flows carry the protocol their payload shows, whatever the port says. */
class AppPayloadInspectorTest {
  private static final Path PCAPS =
      Path.of(System.getProperty("user.dir")).resolve("../../shared/data/pcaps").normalize();

  private static List<FlowRecord> flowsOf(String file) throws Exception {
    List<FlowRecord> out = new ArrayList<>();
    FlowTable table = new FlowTable(
        FlowSettings.create(ConfigFactory.load().getConfig("watchfloor.models")), out::add, AppPayloadInspector.INSTANCE);
    PacketDecoder decoder = new PacketDecoder();
    try (CaptureFileReader r = CaptureFileReader.open(PCAPS.resolve(file))) {
      while (r.next()) {
        table.add(decoder.decode(r.linkType(), r.buffer(), r.offset(), r.capturedLength(), r.originalLength(),
            r.timestampNanos()), r.offset());
      }
    }
    table.flushAll();
    return out;
  }

  @Test
  void shouldSeeSshOnPort80() throws Exception {
    assertThat(flowsOf("mismatch_ssh_on_tcp80.pcap")).anySatisfy(f -> {
      assertThat(f.destinationPort()).isEqualTo(80);
      assertThat(f.protocol()).isEqualTo("ssh");
      assertThat(f.metadata()).containsKey("watchfloor.ssh.banner");
    });
  }

  @Test
  void shouldSeeFtpOnPort443() throws Exception {
    assertThat(flowsOf("mismatch_ftp_on_tcp443.pcapng")).anySatisfy(f -> {
      assertThat(f.destinationPort()).isEqualTo(443);
      assertThat(f.protocol()).isEqualTo("ftp");
    });
  }

  @Test
  void shouldCarryDnsQueryNamesAndHttpHosts() throws Exception {
    assertThat(flowsOf("dnstunnel_c2_cmds_over_txt.pcap")).anySatisfy(f -> {
      assertThat(f.protocol()).isEqualTo("dns");
      assertThat(f.metadata().get("dns.question.name")).endsWith("ostrykebs.pl");
    });
    assertThat(flowsOf("benign_http_bro_org.pcap")).anySatisfy(f -> {
      assertThat(f.protocol()).isEqualTo("http");
      assertThat(f.metadata().get("url.domain")).contains("bro.org");
    });
  }

  @Test
  void shouldNotGuessFromThePortAlone() throws Exception {
    assertThat(flowsOf("scan_masscan_tcp_0-1000.pcap"))
        .allSatisfy(f -> assertThat(f.protocol()).isNull());
  }
}

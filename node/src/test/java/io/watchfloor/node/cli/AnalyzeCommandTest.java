package io.watchfloor.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestPcaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code watchfloor analyze} end to end: real captures, the real Cassandra, the real CLI. */
@ExtendWith(SharedCassandra.class)
class AnalyzeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path config;

  @BeforeAll
  static void writeConfig() throws Exception {
    config = dir.resolve("analyze.conf");
    Files.writeString(
        config,
        "watchfloor.store.keyspace = " + SharedCassandra.freshKeyspace("analyze") + "\n"
            + "watchfloor.store.contact-points = [\"" + SharedCassandra.contactPoint() + "\"]\n");
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  @Test
  void shouldReportThePortScanOfTheMasscanSource() throws Exception {
    Path out = dir.resolve("masscan.jsonl");
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("scan_masscan_tcp_0-1000.pcap").toString(),
        "--out", out.toString(), "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> alerts = lines(out);
    assertThat(alerts).isNotEmpty();
    assertThat(alerts).anySatisfy(a -> {
      assertThat(a.path("rule.name").asText()).isEqualTo("port_scan");
      assertThat(a.path("source.ip").asText()).isEqualTo("172.31.15.102");
      assertThat(a.path("destination.ip").asText()).isEqualTo("198.124.152.15");
    });
    assertThat(run.out()).contains("port_scan").contains("packets").contains("1,005");
  }

  @Test
  void shouldWriteTheEcsFieldsOfTheAlertContract() throws Exception {
    Path out = dir.resolve("contract.jsonl");
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("scan_nmap_syn_1000ports.pcapng").toString(),
        "--out", out.toString(), "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode a = lines(out).get(0);
    for (String field : List.of("@timestamp", "event.kind", "event.severity", "rule.name", "source.ip",
        "destination.ip", "watchfloor.score", "watchfloor.explanation")) {
      assertThat(a.has(field)).as(field).isTrue();
    }
    assertThat(a.path("event.kind").asText()).isEqualTo("alert");
    assertThat(a.path("source.ip").asText()).isEqualTo("172.16.0.8");
    assertThat(a.path("watchfloor.explanation").path("summary").asText()).contains("ports of 64.13.134.52");
  }

  @Test
  void shouldRaiseNoAlertOnBenignBrowsing() throws Exception {
    Path out = dir.resolve("benign.jsonl");
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("benign_http_bro_org.pcap").toString(),
        "--out", out.toString(), "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(lines(out)).isEmpty();
    assertThat(run.out()).contains("No alerts.").contains("751");
  }

  @Test
  void shouldGiveTheSameResultThroughLibpcap() throws Exception {
    Path out = dir.resolve("libpcap.jsonl");
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("scan_masscan_tcp_0-1000.pcap").toString(),
        "--reader", "libpcap", "--out", out.toString(), "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(lines(out)).anySatisfy(a -> assertThat(a.path("source.ip").asText()).isEqualTo("172.31.15.102"));
    assertThat(run.out()).contains("1,005");
  }
}

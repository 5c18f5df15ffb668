package io.watchfloor.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.node.testing.TestPcaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code watchfloor analyze} end to end: real captures, the real Cassandra, the real CLI. */
@ExtendWith(SharedCassandra.class)
class AnalyzeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path config;

  @BeforeAll
  static void writeConfig() throws Exception {
    config = TestNodes.configFile(dir, "analyze");
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
  void shouldShowTheReceiversOfTheRoutingConfig() throws Exception {
    Path routed = Files.writeString(dir.resolve("routed.conf"), Files.readString(config) + """
        watchfloor.alerting {
          enabled = on
          receivers = [ { name = network-pagerduty, pagerduty_configs = [ { routing_key_env = WF_TEST_UNSET } ] },
                        { name = everything-slack, slack_configs = [ { api_url_env = WF_TEST_UNSET } ] } ]
          route {
            receiver = everything-slack
            routes = [ { receiver = everything-slack, continue = true },
                       { matchers = ["rule.name=~port_scan|flood"], receiver = network-pagerduty } ]
          }
        }
        """);
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of("scan_masscan_tcp_0-1000.pcap").toString(),
        "--config", routed.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("RECEIVERS").contains("everything-slack,network-pagerduty")
        .containsPattern("would notify\\s*\\n\\s+everything-slack\\s+\\d+ alerts\\s*\\n\\s+network-pagerduty\\s+\\d+ alerts");
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

  /** What `analyze` must raise on each shared capture (MANIFEST.tsv, expected_detection). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "benign_http_bro_org.pcap                   | ",
    "benign_web_browsing_espn.pcapng            | ",
    "scan_nmap_A_port80.pcap                    | ",
    "c2_cryptowall4_http.pcapng                 | ",
    "c2_foudre_backdoor_http.pcapng             | ",
    "scan_masscan_tcp_0-1000.pcap               | port_scan 172.31.15.102",
    "scan_nmap_syn_1000ports.pcapng             | port_scan 172.16.0.8",
    "mismatch_ssh_on_tcp80.pcap                 | port_protocol_mismatch 172.16.238.1",
    "mismatch_ftp_on_tcp443.pcapng              | port_protocol_mismatch 192.168.0.82",
    "malformed_decoder_anomalies.pcap           | malformed_packet 204.252.102.11",
    "dnstunnel_iodine_txt_base32_first6000.pcap | dns_tunneling 192.168.0.30",
    "dnstunnel_c2_cmds_over_txt.pcap            | dns_tunneling 192.168.100.121",
    "c2_rat_periodic_upload.pcapng              | beaconing 172.16.0.114, exfiltration 172.16.0.114",
    "lateral_smb_psexec_add_user.pcap           | lateral_movement 192.168.10.31",
    "lateral_smb_mimikatz_copy_to_host.pcap     | lateral_movement 192.168.10.31",
    "lateral_rdp_sharprdp.pcapng                | lateral_movement 192.168.56.1",
    "bruteforce_ssh_guessing.pcap               | lateral_movement 192.168.56.1",
  })
  void shouldRaiseTheExpectedAlertsOnEverySharedCapture(String file, String expected) throws Exception {
    Path out = dir.resolve(file + ".jsonl");
    CliRun run = CliRun.of("analyze", "--pcap", TestPcaps.of(file).toString(),
        "--out", out.toString(), "--config", config.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    java.util.Set<String> raised = new java.util.TreeSet<>();
    for (JsonNode a : lines(out)) {
      raised.add(a.path("rule.name").asText() + " " + a.path("source.ip").asText());
    }
    if (expected == null) {
      assertThat(raised).as("alerts on " + file).isEmpty();
    } else {
      assertThat(raised).as("alerts on " + file).contains(expected.split(",\\s*"));
    }
  }

  /**
   * Analysing a file again gives the same alerts: each run learns from nothing. With --resume-state
   * the second run starts from what the first learned, and the admin sessions it saw are no longer new.
   */
  @Test
  void shouldGiveTheSameAlertsWhenTheSameFileIsAnalysedAgain() throws Exception {
    Path again = TestNodes.configFile(dir, "analyze_again");
    String pcap = TestPcaps.of("lateral_smb_psexec_add_user.pcap").toString();
    List<java.util.Set<String>> runs = new ArrayList<>();
    for (String resume : List.of("", "", "--resume-state")) {
      Path out = dir.resolve("again-" + runs.size() + ".jsonl");
      List<String> args = new ArrayList<>(List.of("analyze", "--pcap", pcap, "--out", out.toString(),
          "--config", again.toString()));
      if (!resume.isEmpty()) {
        args.add(resume);
      }
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.err()).isZero();
      java.util.Set<String> raised = new java.util.TreeSet<>();
      for (JsonNode a : lines(out)) {
        raised.add(a.path("rule.name").asText() + " " + a.path("source.ip").asText() + " "
            + a.path("event.start").asText());
      }
      runs.add(raised);
    }
    assertThat(runs.get(0)).anySatisfy(a -> assertThat(a).startsWith("lateral_movement 192.168.10.31 "));
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(runs.get(2)).noneSatisfy(a -> assertThat(a).startsWith("lateral_movement 192.168.10.31 "));
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

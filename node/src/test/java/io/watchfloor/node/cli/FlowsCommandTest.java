package io.watchfloor.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.node.testing.TestPcaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watchfloor flows}: ECS flow lines on stdout, a summary on stderr, exit 2 for unusable input. */
class FlowsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<JsonNode> lines(CliRun run) throws Exception {
    List<JsonNode> flows = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        flows.add(JSON.readTree(line));
      }
    }
    return flows;
  }

  @Test
  void shouldPrintOneEcsLinePerFlow() throws Exception {
    CliRun run = CliRun.of("flows", "--pcap", TestPcaps.of("bruteforce_ssh_guessing.pcap").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> flows = lines(run);
    assertThat(flows).hasSize(11); // argus + racluster: 11, tshark: 11 TCP conversations
    for (JsonNode f : flows) {
      assertThat(f.get("event.kind").asText()).isEqualTo("event");
      assertThat(f.get("event.category").get(0).asText()).isEqualTo("network");
      assertThat(f.get("network.transport").asText()).isEqualTo("tcp");
      assertThat(f.get("source.ip").asText()).isEqualTo("192.168.56.1");
      assertThat(f.get("destination.ip").asText()).isEqualTo("192.168.56.103");
      assertThat(f.get("destination.port").asInt()).isEqualTo(22);
      assertThat(f.get("source.port").asInt()).isPositive();
      assertThat(f.get("source.packets").asLong()).isPositive();
      assertThat(f.get("source.bytes").asLong()).isPositive();
      assertThat(f.get("destination.packets").asLong()).isPositive();
      assertThat(f.get("destination.bytes").asLong()).isPositive();
      assertThat(f.get("network.community_id").asText()).startsWith("1:");
      assertThat(f.get("event.start").asText()).startsWith("2015-03-30T");
      assertThat(f.get("event.end").asText()).startsWith("2015-03-30T");
      assertThat(f.get("watchfloor.flow.end_reason").asText()).isIn("idle", "end"); // 70 s capture, 60 s TCP idle timeout
    }
    long packets = flows.stream()
        .mapToLong(f -> f.get("source.packets").asLong() + f.get("destination.packets").asLong()).sum();
    assertThat(packets).isEqualTo(431);
    assertThat(run.err()).contains("431 packets").contains("11 flows").contains("packets/s");
  }

  @Test
  void shouldMatchTsharksCommunityIdForAConnection() throws Exception {
    CliRun run = CliRun.of("flows", "--pcap", TestPcaps.of("bruteforce_ssh_guessing.pcap").toString());

    // tshark -r bruteforce_ssh_guessing.pcap --enable-protocol communityid -T fields -e communityid
    // for 192.168.56.1:55474 <-> 192.168.56.103:22
    assertThat(lines(run)).anySatisfy(f -> {
      assertThat(f.get("source.port").asInt()).isEqualTo(55474);
      assertThat(f.get("network.community_id").asText()).isEqualTo("1:+VT1/AyADLJIg2zDlG77dr9d/kA=");
    });
  }

  @Test
  void shouldFormFlowsForArpAndIcmpLikeArgus() throws Exception {
    CliRun run = CliRun.of("flows", "--pcap", TestPcaps.of("lateral_smb_psexec_add_user.pcap").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> flows = lines(run);
    assertThat(flows).anySatisfy(f -> {
      assertThat(f.get("network.transport").asText()).isEqualTo("arp");
      assertThat(f.get("source.ip").asText()).isEqualTo("192.168.10.30");
      assertThat(f.get("destination.ip").asText()).isEqualTo("192.168.10.10");
    });
    assertThat(flows).anySatisfy(f -> assertThat(f.get("network.transport").asText()).isEqualTo("icmp"));
    assertThat(flows).anySatisfy(f -> assertThat(f.get("network.transport").asText()).isEqualTo("udp"));
  }

  @Test
  void shouldPrintATable() {
    CliRun run = CliRun.of("flows", "--pcap", TestPcaps.of("mismatch_ssh_on_tcp80.pcap").toString(),
        "--format", "table");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] rows = run.out().split("\n");
    assertThat(rows).hasSize(2);
    assertThat(rows[0]).startsWith("start").contains("src pkts").contains("state");
    assertThat(rows[1]).contains("tcp").contains("172.16.238.1:").contains("172.16.238.131:80");
  }

  @Test
  void shouldRefuseAMissingFile() {
    CliRun run = CliRun.of("flows", "--pcap", dir.resolve("nope.pcap").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("watchfloor: error: ").contains("no such file").doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseATextFile() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.pcap"), "this is not a capture file\n");

    CliRun run = CliRun.of("flows", "--pcap", text.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("watchfloor: error: ").contains("not a capture file").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void shouldPrintTheFlowsBeforeATruncationThenFail() throws Exception {
    byte[] whole = Files.readAllBytes(TestPcaps.of("scan_masscan_tcp_0-1000.pcap"));
    Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(whole, whole.length / 2 + 7));

    CliRun run = CliRun.of("flows", "--pcap", cut.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(lines(run)).hasSizeGreaterThan(400);
    assertThat(run.err()).contains("watchfloor: error: ").contains("truncated");
  }

  @Test
  void shouldRefuseAnUnknownFormat() {
    CliRun run = CliRun.of("flows", "--pcap", TestPcaps.of("mismatch_ssh_on_tcp80.pcap").toString(),
        "--format", "xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--format");
  }
}

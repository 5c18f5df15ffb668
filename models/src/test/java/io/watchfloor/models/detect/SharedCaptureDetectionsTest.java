package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shared capture through the node's own path (SegmentWindows, one HostAnalyzer per host, the
 * default configuration), and what the port_protocol_mismatch, malformed_packet and dns_tunneling
 * detectors make of it.
 */
class SharedCaptureDetectionsTest {
  private static final Set<String> MINE =
      Set.of(PortProtocolMismatchDetector.ID, MalformedPacketDetector.ID, DnsTunnelingDetector.ID);

  /** Per capture file, every anomaly any detector raised. */
  private static final Map<String, List<Anomaly>> RAISED = new TreeMap<>();

  @BeforeAll
  static void replayEveryCapture() throws IOException {
    ModelSettings settings = ModelSettings.create(ConfigFactory.load());
    try (Stream<Path> files = Files.list(captures())) {
      for (Path file : files.filter(SharedCaptureDetectionsTest::isCapture).sorted().toList()) {
        RAISED.put(file.getFileName().toString(), analyze(file, settings));
      }
    }
  }

  @Test
  void shouldReplayEverySharedCapture() {
    assertThat(RAISED).hasSizeGreaterThanOrEqualTo(17);
  }

  @Test
  void shouldFlagSshOnPort80() {
    assertThat(mine("mismatch_ssh_on_tcp80.pcap"))
        .anySatisfy(a -> assertFinding(a, PortProtocolMismatchDetector.ID, "172.16.238.1", "172.16.238.131", 80));
    assertThat(evidenceOf("mismatch_ssh_on_tcp80.pcap", PortProtocolMismatchDetector.ID))
        .containsEntry("observed_protocol", "ssh")
        .containsKey("watchfloor.ssh.banner");
  }

  @Test
  void shouldFlagFtpOnPort443() {
    assertThat(mine("mismatch_ftp_on_tcp443.pcapng"))
        .anySatisfy(a -> assertFinding(a, PortProtocolMismatchDetector.ID, "192.168.0.82", "192.168.0.53", 443));
  }

  @Test
  void shouldFlagTheSenderOfTheCraftedMalformedPackets() {
    List<Anomaly> raised = mine("malformed_decoder_anomalies.pcap");

    assertThat(raised).isNotEmpty().allSatisfy(a -> {
      assertThat(a.detector()).isEqualTo(MalformedPacketDetector.ID);
      assertThat(a.sourceIp()).isEqualTo("204.252.102.11");
    });
    assertThat(raised).anySatisfy(a -> assertThat(a.explanation().evidence())
        .containsEntry("kind", "truncated_ipv4")
        .containsEntry("class", "hard"));
    assertThat(raised.stream().mapToInt(a -> Integer.parseInt(a.explanation().evidence().get("count"))).sum())
        .isEqualTo(48);
  }

  @Test
  void shouldFlagTheIodineClient() {
    assertThat(mine("dnstunnel_iodine_txt_base32_first6000.pcap"))
        .anySatisfy(a -> {
          assertFinding(a, DnsTunnelingDetector.ID, "192.168.0.30", "192.168.0.10", 53);
          assertThat(a.explanation().evidence()).containsEntry("registered_domain", "example.attack");
        });
  }

  @Test
  void shouldFlagTheTxtStager() {
    assertThat(mine("dnstunnel_c2_cmds_over_txt.pcap"))
        .anySatisfy(a -> {
          assertFinding(a, DnsTunnelingDetector.ID, "192.168.100.121", "192.168.100.2", 53);
          assertThat(a.explanation().evidence())
              .containsEntry("registered_domain", "ostrykebs.pl")
              .containsEntry("rules", "txt_channel");
        });
  }

  @Test
  void shouldRaiseNothingOfMineOnTheBenignCaptures() {
    assertThat(mine("benign_http_bro_org.pcap")).isEmpty();
    assertThat(mine("benign_web_browsing_espn.pcapng")).isEmpty();
  }

  @Test
  void shouldRaiseOnlyTheExpectedDetectionsOfMineAcrossAllCaptures() {
    Map<String, Set<String>> expected =
        Map.of(
            "mismatch_ssh_on_tcp80.pcap", Set.of("port_protocol_mismatch 172.16.238.1"),
            "mismatch_ftp_on_tcp443.pcapng", Set.of("port_protocol_mismatch 192.168.0.82"),
            "malformed_decoder_anomalies.pcap", Set.of("malformed_packet 204.252.102.11"),
            // 192.168.0.10 is the BIND forwarder: it really relays the tunnel's queries to .20.
            "dnstunnel_iodine_txt_base32_first6000.pcap",
                Set.of("dns_tunneling 192.168.0.30", "dns_tunneling 192.168.0.10"),
            "dnstunnel_c2_cmds_over_txt.pcap", Set.of("dns_tunneling 192.168.100.121"));
    RAISED.forEach(
        (file, anomalies) ->
            assertThat(
                    mine(file).stream()
                        .map(a -> a.detector() + " " + a.sourceIp())
                        .collect(Collectors.toSet()))
                .as(file)
                .isEqualTo(expected.getOrDefault(file, Set.of())));
  }

  private static void assertFinding(Anomaly a, String detector, String source, String destination, int port) {
    assertThat(a.detector()).isEqualTo(detector);
    assertThat(a.sourceIp()).isEqualTo(source);
    assertThat(a.destinationIp()).isEqualTo(destination);
    assertThat(a.destinationPort()).isEqualTo(port);
  }

  private static Map<String, String> evidenceOf(String file, String detector) {
    return mine(file).stream()
        .filter(a -> a.detector().equals(detector))
        .findFirst()
        .orElseThrow()
        .explanation()
        .evidence();
  }

  private static List<Anomaly> mine(String file) {
    assertThat(RAISED).containsKey(file);
    return RAISED.get(file).stream().filter(a -> MINE.contains(a.detector())).toList();
  }

  private static List<Anomaly> analyze(Path file, ModelSettings settings) {
    SegmentWindows segment = new SegmentWindows("local", "s", settings.window(), settings.flows());
    PacketDecoder decoder = new PacketDecoder();
    List<HostWindow> windows = new ArrayList<>();
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      while (reader.next()) {
        windows.addAll(
            segment.accept(
                decoder.decode(
                    reader.linkType(),
                    reader.buffer(),
                    reader.offset(),
                    reader.capturedLength(),
                    reader.originalLength(),
                    reader.timestampNanos()),
                reader.offset()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    windows.addAll(segment.finish());
    Map<String, HostAnalyzer> analyzers = new HashMap<>();
    List<Anomaly> out = new ArrayList<>();
    for (HostWindow w : windows) {
      out.addAll(analyzers.computeIfAbsent(w.host(), h -> settings.newHostAnalyzer()).analyze(w, 0));
    }
    return out;
  }

  private static boolean isCapture(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".pcap") || name.endsWith(".pcapng");
  }

  private static Path captures() {
    return Path.of(System.getProperty("user.dir")).resolve("../../shared/data/pcaps").normalize();
  }
}

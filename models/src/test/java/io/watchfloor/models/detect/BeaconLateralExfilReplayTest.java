package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.protocol.decode.PacketDecoder;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.pcap.CaptureFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The team's shared captures through the node's per-packet path ({@link SegmentWindows}) and then,
 * host by host and window by window, through one new instance of a detector per host, as {@code
 * ModelSettings.newHostAnalyzer()} builds them. Expectations follow the MANIFEST.
 */
class BeaconLateralExfilReplayTest {
  private static final ModelSettings SETTINGS = ModelSettings.create(ConfigFactory.load());
  private static final Path PCAPS =
      Path.of(System.getProperty("user.dir")).resolve("../../shared/data/pcaps").normalize();
  private static final List<String> BENIGN =
      List.of("benign_http_bro_org.pcap", "benign_web_browsing_espn.pcapng");

  @Test
  void shouldFindTheRatBeaconingToItsControllerEveryTenSeconds() {
    Map<String, List<Finding>> found = run("c2_rat_periodic_upload.pcapng", BeaconLateralExfilDefaults::beaconing);

    assertThat(found).containsOnlyKeys("172.16.0.114");
    Finding f = found.get("172.16.0.114").get(0);
    assertThat(f.destinationIp()).isEqualTo("172.16.0.111");
    assertThat(f.destinationPort()).isEqualTo(4433);
    assertThat(f.evidence()).containsEntry("median_interval_s", "10").containsEntry("interval_mad_s", "0");
    assertThat(found.get("172.16.0.114")).hasSize(1);
  }

  @Test
  void shouldNotCallTooFewCheckInsABeacon() {
    assertThat(run("c2_cryptowall4_http.pcapng", BeaconLateralExfilDefaults::beaconing)).isEmpty();
    assertThat(run("c2_foudre_backdoor_http.pcapng", BeaconLateralExfilDefaults::beaconing)).isEmpty();
  }

  @Test
  void shouldSeeScriptedSshGuessingAsRegularAsABeacon() {
    // A guessing tool reconnects every ~6 s with identical sizes: periodic by any measure.
    Map<String, List<Finding>> found = run("bruteforce_ssh_guessing.pcap", BeaconLateralExfilDefaults::beaconing);

    assertThat(found).containsOnlyKeys("192.168.56.1");
    assertThat(found.get("192.168.56.1").get(0).destinationPort()).isEqualTo(22);
  }

  @Test
  void shouldFindNoBeaconInOrdinaryBrowsing() {
    for (String file : BENIGN) {
      assertThat(run(file, BeaconLateralExfilDefaults::beaconing)).as(file).isEmpty();
    }
  }

  @Test
  void shouldFindPsexecOverSmbAsLateralMovement() {
    Map<String, List<Finding>> found =
        run("lateral_smb_psexec_add_user.pcap", BeaconLateralExfilDefaults::lateralMovement);

    assertThat(found).containsOnlyKeys("192.168.10.31");
    Finding f = found.get("192.168.10.31").get(0);
    assertThat(f.destinationIp()).isEqualTo("192.168.10.10");
    assertThat(f.evidence()).containsEntry("admin_peers", "2").containsEntry("trigger", "first_admin_bytes");
  }

  @Test
  void shouldFindMimikatzCopiedOverAnAdminShareAsLateralMovement() {
    Map<String, List<Finding>> found =
        run("lateral_smb_mimikatz_copy_to_host.pcap", BeaconLateralExfilDefaults::lateralMovement);

    assertThat(found).containsOnlyKeys("192.168.10.31");
    assertThat(found.get("192.168.10.31").get(0).destinationIp()).isEqualTo("192.168.10.30");
  }

  @Test
  void shouldFindSharpRdpAsLateralMovement() {
    Map<String, List<Finding>> found =
        run("lateral_rdp_sharprdp.pcapng", BeaconLateralExfilDefaults::lateralMovement);

    assertThat(found).containsOnlyKeys("192.168.56.1");
    assertThat(found.get("192.168.56.1").get(0).destinationPort()).isEqualTo(3389);
  }

  @Test
  void shouldFindSshPasswordGuessingAsRepeatedAdminSessions() {
    Map<String, List<Finding>> found =
        run("bruteforce_ssh_guessing.pcap", BeaconLateralExfilDefaults::lateralMovement);

    assertThat(found).containsOnlyKeys("192.168.56.1");
    Finding f = found.get("192.168.56.1").get(0);
    assertThat(f.destinationIp()).isEqualTo("192.168.56.103");
    assertThat(f.evidence()).containsEntry("top_peer_sessions", "11");
    assertThat(f.evidence().get("trigger")).contains("first_admin_repeated_sessions");
  }

  @Test
  void shouldFindNoLateralMovementInOrdinaryBrowsing() {
    for (String file : BENIGN) {
      assertThat(run(file, BeaconLateralExfilDefaults::lateralMovement)).as(file).isEmpty();
    }
  }

  @Test
  void shouldFindTheRatUploadToItsNonStandardPort() {
    Map<String, List<Finding>> found =
        run("c2_rat_periodic_upload.pcapng", BeaconLateralExfilDefaults::exfiltration);

    assertThat(found).containsOnlyKeys("172.16.0.114");
    Finding f = found.get("172.16.0.114").get(0);
    assertThat(f.destinationIp()).isEqualTo("172.16.0.111");
    assertThat(f.destinationPort()).isEqualTo(4433);
    assertThat(f.evidence()).containsEntry("trigger", "upload_to_non_service_port");
    assertThat(Long.parseLong(f.evidence().get("bytes_out"))).isGreaterThan(500_000);
  }

  @Test
  void shouldFindNoExfiltrationInDownloadsOrAdminFileCopies() {
    for (String file :
        List.of("benign_http_bro_org.pcap", "benign_web_browsing_espn.pcapng", "c2_cryptowall4_http.pcapng",
            "lateral_smb_psexec_add_user.pcap", "lateral_smb_mimikatz_copy_to_host.pcap")) {
      assertThat(run(file, BeaconLateralExfilDefaults::exfiltration)).as(file).isEmpty();
    }
  }

  /** Findings by host, each host's windows fed in order to its own detector instance and baseline. */
  private static Map<String, List<Finding>> run(String file, Supplier<HostDetector> detectorPerHost) {
    Map<String, HostDetector> detectors = new LinkedHashMap<>();
    Map<String, HostBaseline> baselines = new LinkedHashMap<>();
    Map<String, List<Finding>> found = new LinkedHashMap<>();
    for (HostWindow w : windows(file)) {
      HostDetector d = detectors.computeIfAbsent(w.host(), h -> detectorPerHost.get());
      HostBaseline b = baselines.computeIfAbsent(w.host(), h -> new HostBaseline(SETTINGS.baseline()));
      double[] values = HostFeature.vectorOf(w);
      d.inspect(w, b, values).ifPresent(f -> found.computeIfAbsent(w.host(), h -> new ArrayList<>()).add(f));
      b.update(values, w.windowStartMillis());
    }
    return found;
  }

  private static List<HostWindow> windows(String file) {
    SegmentWindows segment = new SegmentWindows("local", "s", SETTINGS.window(), SETTINGS.flows());
    PacketDecoder decoder = new PacketDecoder();
    List<HostWindow> out = new ArrayList<>();
    try (CaptureFileReader r = CaptureFileReader.open(PCAPS.resolve(file))) {
      while (r.next()) {
        out.addAll(
            segment.accept(
                decoder.decode(r.linkType(), r.buffer(), r.offset(), r.capturedLength(), r.originalLength(),
                    r.timestampNanos()),
                r.offset()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.addAll(segment.finish());
    return out;
  }
}

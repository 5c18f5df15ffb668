package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.BeaconWindows.T0;
import static io.watchfloor.models.detect.BeaconWindows.inspect;
import static io.watchfloor.models.detect.BeaconWindows.tcp;
import static io.watchfloor.models.detect.BeaconWindows.window;
import static io.watchfloor.models.detect.BeaconWindows.withProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.host.FlowSummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateralMovementDetectorTest {
  private static final int FIRST_SESSION_BYTES = 50 * 1024;

  private static HostDetector detector() {
    return BeaconLateralExfilDefaults.lateralMovement();
  }

  /** A detector that has seen {@code windows} quiet windows of the host (no admin sessions). */
  private static HostDetector withQuietHistory(int windows) {
    HostDetector d = detector();
    for (int i = 0; i < windows; i++) {
      inspect(d, window(i, List.of(tcp("203.0.113.1", 443, 40_000 + i, T0 + i * 10_000L, 800, 9_000))));
    }
    return d;
  }

  /** A detector whose host usually opens a small admin session to one peer per window. */
  private static HostDetector withOnePeerUsually(int windows) {
    HostDetector d = detector();
    for (int i = 0; i < windows; i++) {
      inspect(d, window(i, List.of(tcp("10.1.9.9", 445, 40_000 + i, T0 + i * 10_000L, 800, 900))));
    }
    return d;
  }

  private static List<FlowSummary> smbTo(int peers) {
    List<FlowSummary> out = new ArrayList<>();
    for (int i = 0; i < peers; i++) {
      out.add(tcp("10.1.5." + (10 + i), 445, 50_000 + i, T0 + 1_000_000, 600, 400));
    }
    return out;
  }

  @Test
  void shouldAlertOnFanOutOfUsualPlusThreshold() {
    Finding f = inspect(withOnePeerUsually(20), window(20, smbTo(5))).orElseThrow();

    assertThat(f.detector()).isEqualTo("lateral_movement");
    assertThat(f.evidence())
        .containsEntry("trigger", "fan_out")
        .containsEntry("admin_peers", "5")
        .containsEntry("usual_admin_peers", "1.0")
        .containsEntry("services", "445/tcp");
  }

  @Test
  void shouldNotAlertOnFanOutJustBelowUsualPlusThreshold() {
    assertThat(inspect(withOnePeerUsually(20), window(20, smbTo(4)))).isEmpty();
  }

  @Test
  void shouldAlertOnFanOutEvenWithoutHistory() {
    assertThat(inspect(detector(), window(0, smbTo(4)))).isPresent();
  }

  @Test
  void shouldAlertWhenAHostNewToAdminMovesFiftyKilobytes() {
    FlowSummary copy = share(tcp("10.1.5.10", 445, 50_000, T0, FIRST_SESSION_BYTES - 1_000, 1_000), "C$");

    Finding f = inspect(withQuietHistory(3), window(3, List.of(copy))).orElseThrow();

    assertThat(f.destinationIp()).isEqualTo("10.1.5.10");
    assertThat(f.destinationPort()).isEqualTo(445);
    assertThat(f.evidence()).containsEntry("trigger", "first_admin_bytes").containsEntry("top_peer_bytes", "51200");
  }

  @Test
  void shouldNotAlertOnAFirstAdminSessionJustBelowFiftyKilobytes() {
    FlowSummary copy = tcp("10.1.5.10", 445, 50_000, T0, FIRST_SESSION_BYTES - 1_001, 1_000);

    assertThat(inspect(withQuietHistory(3), window(3, List.of(copy)))).isEmpty();
  }

  @Test
  void shouldAlertOnEightSessionsToOnePeerFromAHostNewToAdmin() {
    List<FlowSummary> guesses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      guesses.add(tcp("10.1.5.10", 22, 50_000 + i, T0 + i * 5_000L, 2_000, 1_500));
    }

    Finding f = inspect(withQuietHistory(3), window(3, guesses)).orElseThrow();

    assertThat(f.evidence())
        .containsEntry("trigger", "first_admin_repeated_sessions")
        .containsEntry("top_peer_sessions", "8");
    assertThat(inspect(withQuietHistory(3), window(3, guesses.subList(0, 7)))).isEmpty();
  }

  @Test
  void shouldNotJudgeAHostNewToAdminInItsFirstWindow() {
    FlowSummary copy = tcp("10.1.5.10", 445, 50_000, T0, 500_000, 1_000);

    assertThat(inspect(detector(), window(0, List.of(copy)))).isEmpty();
  }

  @Test
  void shouldRaiseTheFirstAdminWorkOnlyOnce() {
    HostDetector d = withQuietHistory(3);
    FlowSummary copy = tcp("10.1.5.10", 445, 50_000, T0, 500_000, 1_000);
    assertThat(inspect(d, window(3, List.of(copy)))).isPresent();

    assertThat(inspect(d, window(4, List.of(tcp("10.1.5.11", 445, 50_001, T0, 500_000, 1_000))))).isEmpty();
  }

  @Test
  void shouldNotTreatAHostWithAdminHistoryAsNew() {
    FlowSummary copy = tcp("10.1.5.10", 445, 50_000, T0, 500_000, 1_000);

    assertThat(inspect(withOnePeerUsually(3), window(3, List.of(copy)))).isEmpty();
  }

  @Test
  void shouldRecogniseAdminProtocolsByPayloadOnOddPorts() {
    FlowSummary rdp = withProtocol(tcp("10.1.5.10", 13389, 50_000, T0, 80_000, 1_000), "rdp");

    assertThat(inspect(withQuietHistory(3), window(3, List.of(rdp)))).isPresent();
    assertThat(inspect(withQuietHistory(3), window(3, List.of(tcp("10.1.5.10", 13389, 50_000, T0, 80_000, 1_000)))))
        .isEmpty();
  }

  @Test
  void shouldNotWeighTheBytesOfAFirstInteractiveShell() {
    FlowSummary shell = tcp("10.1.5.10", 22, 50_000, T0, 800_000, 1_000);
    FlowSummary shellOnOddPort = withProtocol(tcp("10.1.5.10", 2222, 50_000, T0, 800_000, 1_000), "ssh");

    assertThat(inspect(withQuietHistory(3), window(3, List.of(shell)))).isEmpty();
    assertThat(inspect(withQuietHistory(3), window(3, List.of(shellOnOddPort)))).isEmpty();
  }

  @Test
  void shouldIgnoreAdminSessionsToExternalPeers() {
    FlowSummary rdp = tcp("198.51.100.4", 3389, 50_000, T0, 500_000, 1_000);

    assertThat(inspect(withQuietHistory(3), window(3, List.of(rdp)))).isEmpty();
  }

  @Test
  void shouldIgnoreExternalHosts() {
    HostDetector d = detector();
    for (int i = 0; i < 3; i++) {
      inspect(d, window("198.51.100.4", i, List.of()));
    }

    assertThat(inspect(d, window("198.51.100.4", 3, smbTo(10)))).isEmpty();
  }

  @Test
  void shouldNotCountReadsFromAnOrdinaryFileShare() {
    FlowSummary download = share(tcp("10.1.5.10", 445, 50_000, T0, 2_000, 5 * FIRST_SESSION_BYTES), "PROJECTS");
    FlowSummary unseen = tcp("10.1.5.10", 445, 50_001, T0, 2_000, 5 * FIRST_SESSION_BYTES);

    assertThat(inspect(withQuietHistory(3), window(3, List.of(download)))).isEmpty();
    assertThat(inspect(withQuietHistory(3), window(3, List.of(unseen)))).as("share not seen: reads do not count").isEmpty();
  }

  @Test
  void shouldCountWritesWhenTheShareWasNotSeen() {
    FlowSummary push = tcp("10.1.5.10", 445, 50_000, T0, 2 * FIRST_SESSION_BYTES, 1_000);

    assertThat(inspect(withQuietHistory(3), window(3, List.of(push)))).isPresent();
  }

  private static FlowSummary share(FlowSummary f, String share) {
    return new FlowSummary(f.peer(), f.peerPort(), f.localPort(), f.transport(), "smb", f.startMillis(),
        f.endMillis(), f.packetsOut(), f.bytesOut(), f.packetsIn(), f.bytesIn(), f.state(),
        java.util.Map.of(io.watchfloor.protocol.app.AppMetadata.SMB_SHARE, share));
  }
}

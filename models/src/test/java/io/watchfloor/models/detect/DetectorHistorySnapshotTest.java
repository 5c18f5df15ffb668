package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.BeaconWindows.BASELINE;
import static io.watchfloor.models.detect.BeaconWindows.T0;
import static io.watchfloor.models.detect.BeaconWindows.tcp;
import static io.watchfloor.models.detect.BeaconWindows.window;
import static io.watchfloor.models.detect.BeaconWindows.withProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.host.FlowSummary;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Beaconing and lateral-movement history survive a host snapshot (passivation, fail-over). */
class DetectorHistorySnapshotTest {
  private static final String C2 = "203.0.113.7";
  private static final String PEER = "10.1.9.9";

  private static HostAnalyzer analyzer() {
    return new HostAnalyzer(BASELINE, List.of(
        BeaconLateralExfilDefaults.beaconing(), BeaconLateralExfilDefaults.lateralMovement()));
  }

  /** Window i carries one 500-byte check-in to C2:443 when it falls on a 60 s mark. */
  private static List<FlowSummary> checkIn(int window) {
    return window % 6 == 0 ? List.of(tcp(C2, 443, 50_000 + window, T0 + window * 10_000L, 500, 300)) : List.of();
  }

  private static List<String> detectors(List<Anomaly> anomalies) {
    return anomalies.stream().map(Anomaly::detector).toList();
  }

  @Test
  void shouldFinishABeaconHalfSeenBeforeTheSnapshot() {
    HostAnalyzer before = analyzer();
    for (int i = 0; i <= 12; i++) { // check-ins at 0, 60 and 120 s: one short of min-connections
      assertThat(before.analyze(window(i, checkIn(i)), 0)).isEmpty();
    }

    HostAnalyzer restored = analyzer();
    restored.restore(before.snapshot());
    HostAnalyzer forgetful = analyzer();

    assertThat(detectors(restored.analyze(window(18, checkIn(18)), 0))).containsExactly("beaconing");
    assertThat(forgetful.analyze(window(18, checkIn(18)), 0)).isEmpty();
  }

  @Test
  void shouldNotTreatARestoredAdminHostAsNewToAdmin() {
    FlowSummary smallSsh = withProtocol(tcp(PEER, 22, 40_000, T0, 3_000, 3_000), "ssh");
    FlowSummary rdpWork = tcp(PEER, 3389, 40_001, T0 + 100 * 10_000L, 40_000, 40_000);
    HostAnalyzer before = analyzer();
    for (int i = 0; i < 50; i++) {
      before.analyze(window(i, i == 5 ? List.of(smallSsh) : List.of()), 0);
    }

    HostAnalyzer restored = analyzer();
    restored.restore(before.snapshot());
    HostAnalyzer forgetful = analyzer();
    for (int i = 0; i < 50; i++) {
      forgetful.analyze(window(i, List.of()), 0);
    }

    assertThat(restored.analyze(window(100, List.of(rdpWork)), 0)).isEmpty();
    assertThat(detectors(forgetful.analyze(window(100, List.of(rdpWork)), 0))).containsExactly("lateral_movement");
  }

  @Test
  void shouldTreatARestoredHostAsNewToAdminWhenItsSessionsAreMonthsAway() {
    FlowSummary smallSsh = withProtocol(tcp(PEER, 22, 40_000, T0, 3_000, 3_000), "ssh");
    HostAnalyzer before = analyzer();
    for (int i = 0; i < 50; i++) {
      before.analyze(window(i, i == 5 ? List.of(smallSsh) : List.of()), 0);
    }
    int sixtyDaysLater = 6 * 60 * 24 * 60;
    FlowSummary later = tcp(PEER, 3389, 40_001, T0 + sixtyDaysLater * 10_000L, 40_000, 40_000);
    FlowSummary earlier = tcp(PEER, 3389, 40_001, T0 - sixtyDaysLater * 10_000L, 40_000, 40_000);

    HostAnalyzer restored = analyzer();
    restored.restore(before.snapshot());
    HostAnalyzer replayingAnOlderCapture = analyzer();
    replayingAnOlderCapture.restore(before.snapshot());

    assertThat(detectors(restored.analyze(window(sixtyDaysLater, List.of(later)), 0)))
        .containsExactly("lateral_movement");
    assertThat(detectors(replayingAnOlderCapture.analyze(window(-sixtyDaysLater, List.of(earlier)), 0)))
        .containsExactly("lateral_movement");
  }

  @Test
  void shouldRoundTripEachDetectorHistoryByteForByte() {
    HostAnalyzer before = analyzer();
    for (int i = 0; i <= 12; i++) {
      before.analyze(window(i, checkIn(i)), 0);
    }
    byte[] snapshot = before.snapshot();
    HostAnalyzer restored = analyzer();
    restored.restore(snapshot);

    var written = HostState.read(snapshot).detectors();
    var rewritten = HostState.read(restored.snapshot()).detectors();
    assertThat(written).containsOnlyKeys("beaconing", "lateral_movement");
    assertThat(rewritten).containsOnlyKeys("beaconing", "lateral_movement");
    assertThat(rewritten.get("beaconing")).isEqualTo(written.get("beaconing"));
    assertThat(rewritten.get("lateral_movement")).isEqualTo(written.get("lateral_movement"));
  }

  @Test
  void shouldLoadASnapshotWrittenBeforeDetectorHistoriesExisted() throws IOException {
    HostAnalyzer before = analyzer();
    for (int i = 0; i <= 12; i++) {
      before.analyze(window(i, checkIn(i)), 0);
    }
    byte[] fourSectionsWithoutTheEmptyFifth = withoutLastSection(before.snapshot());

    HostAnalyzer restored = analyzer();
    restored.restore(fourSectionsWithoutTheEmptyFifth);

    assertThat(restored.baseline().toBytes()).isEqualTo(before.baseline().toBytes());
    assertThat(restored.analyze(window(18, checkIn(18)), 0)).isEmpty(); // beacon history starts afresh
  }

  @Test
  void shouldStartAfreshFromDetectorHistoryOfAnUnknownVersion() {
    var histories = HostState.read(analyzerWithHistory().snapshot()).detectors();
    HostDetector beaconing = BeaconLateralExfilDefaults.beaconing();
    HostDetector lateral = BeaconLateralExfilDefaults.lateralMovement();
    byte[] freshBeaconing = beaconing.history();
    byte[] freshLateral = lateral.history();
    beaconing.restoreHistory(histories.get("beaconing"));
    lateral.restoreHistory(histories.get("lateral_movement"));
    assertThat(beaconing.history()).isNotEqualTo(freshBeaconing);
    assertThat(lateral.history()).isNotEqualTo(freshLateral);

    beaconing.restoreHistory(new byte[] {99, 1, 2, 3});
    lateral.restoreHistory(new byte[] {99, 1, 2, 3});

    assertThat(beaconing.history()).isEqualTo(freshBeaconing);
    assertThat(lateral.history()).isEqualTo(freshLateral);
  }

  @Test
  void shouldStartAfreshFromATruncatedDetectorHistory() {
    var histories = HostState.read(analyzerWithHistory().snapshot()).detectors();
    HostDetector beaconing = BeaconLateralExfilDefaults.beaconing();
    HostDetector lateral = BeaconLateralExfilDefaults.lateralMovement();
    byte[] freshBeaconing = beaconing.history();
    byte[] freshLateral = lateral.history();

    byte[] b = histories.get("beaconing");
    byte[] l = histories.get("lateral_movement");
    beaconing.restoreHistory(java.util.Arrays.copyOf(b, b.length - 3));
    lateral.restoreHistory(java.util.Arrays.copyOf(l, l.length - 3));

    assertThat(beaconing.history()).isEqualTo(freshBeaconing);
    assertThat(lateral.history()).isEqualTo(freshLateral);
  }

  @Test
  void shouldKeepTheBaselineWhenTheDetectorHistorySectionIsDamaged() throws IOException {
    HostAnalyzer before = analyzerWithHistory();
    ByteArrayOutputStream damaged = new ByteArrayOutputStream();
    damaged.write(withoutLastSection(before.snapshot()));
    try (DataOutputStream out = new DataOutputStream(damaged)) {
      out.writeInt(4);
      out.writeInt(1_000_000); // claims a million histories in a 4-byte section
    }

    HostAnalyzer restored = analyzer();
    restored.restore(damaged.toByteArray());

    assertThat(restored.baseline().toBytes()).isEqualTo(before.baseline().toBytes());
    assertThat(restored.analyze(window(18, checkIn(18)), 0)).isEmpty(); // beacon history starts afresh
  }

  /** Three beacon check-ins and windows enough for a lateral-movement history of its own. */
  private static HostAnalyzer analyzerWithHistory() {
    HostAnalyzer a = analyzer();
    for (int i = 0; i <= 12; i++) {
      a.analyze(window(i, checkIn(i)), 0);
    }
    return a;
  }

  /** A snapshot as version-1 builds before detector histories wrote it: four sections. */
  private static byte[] withoutLastSection(byte[] fiveSections) throws IOException {
    HostState s = HostState.read(fiveSections);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x57464853);
      out.writeInt(1);
      for (byte[] section : List.of(s.baseline(), s.contacts(), s.neural(), s.feedback())) {
        out.writeInt(section.length);
        out.write(section);
      }
    }
    return bytes.toByteArray();
  }
}

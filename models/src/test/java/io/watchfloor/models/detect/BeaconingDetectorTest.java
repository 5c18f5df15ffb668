package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.BeaconWindows.T0;
import static io.watchfloor.models.detect.BeaconWindows.inspect;
import static io.watchfloor.models.detect.BeaconWindows.tcp;
import static io.watchfloor.models.detect.BeaconWindows.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.host.FlowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BeaconingDetectorTest {
  private static final String C2 = "203.0.113.7";

  /** {@code n} connections to C2:443, {@code periodMillis} apart, 500 bytes each. */
  private static List<FlowSummary> regular(int n, long firstMillis, long periodMillis) {
    List<FlowSummary> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(tcp(C2, 443, 50_000 + i, firstMillis + i * periodMillis, 500, 300));
    }
    return out;
  }

  private static HostDetector detector(String overrides) {
    return BeaconingDetector.fromConfig(BeaconLateralExfilDefaults.with("beaconing", overrides));
  }

  @Test
  void shouldScoreFourPerfectlyRegularConnectionsAtPointNine() {
    BeaconScore s = BeaconScore.of(new long[] {0, 60, 120, 180}, new long[] {500, 500, 500, 500}, 30, 8);

    assertThat(s.intervalSkewScore()).isEqualTo(1.0);
    assertThat(s.intervalMadScore()).isEqualTo(1.0);
    assertThat(s.sizeSkewScore()).isEqualTo(1.0);
    assertThat(s.sizeMadScore()).isEqualTo(1.0);
    assertThat(s.countScore()).isEqualTo(0.5);
    assertThat(s.score()).isEqualTo(0.9);
  }

  @Test
  void shouldAlertWhenTheScoreReachesTheThresholdExactly() {
    Finding f = inspect(detector("threshold = 0.9"), window(30, regular(4, T0, 60_000))).orElseThrow();

    assertThat(f.detector()).isEqualTo("beaconing");
    assertThat(f.destinationIp()).isEqualTo(C2);
    assertThat(f.destinationPort()).isEqualTo(443);
    assertThat(f.evidence())
        .containsEntry("connections", "4")
        .containsEntry("median_interval_s", "60")
        .containsEntry("mean_interval_s", "60.0")
        .containsEntry("interval_mad_s", "0")
        .containsEntry("size_mad_bytes", "0")
        .containsEntry("count_score", "0.500");
  }

  @Test
  void shouldNotAlertJustBelowTheThreshold() {
    assertThat(inspect(detector("threshold = 0.91"), window(30, regular(4, T0, 60_000)))).isEmpty();
  }

  @Test
  void shouldNotScoreThreeConnections() {
    assertThat(inspect(detector(""), window(30, regular(3, T0, 60_000)))).isEmpty();
  }

  @Test
  void shouldCountParallelConnectionsInOneSecondOnce() {
    List<FlowSummary> burst = new ArrayList<>(regular(3, T0, 60_000));
    burst.add(tcp(C2, 443, 60_000, T0 + 120_400, 500, 300));

    assertThat(inspect(detector(""), window(30, burst))).isEmpty();
  }

  @Test
  void shouldCollectConnectionsAcrossWindowsInStartOrder() {
    HostDetector d = detector("");
    List<FlowSummary> all = regular(4, T0, 60_000);

    assertThat(inspect(d, window(10, List.of(all.get(3), all.get(1))))).isEmpty();
    assertThat(inspect(d, window(20, List.of(all.get(2), all.get(0))))).isPresent();
  }

  @Test
  void shouldAlertAgainOnlyAfterTheQuietPeriod() {
    HostDetector d = detector("realert-after = 1h");
    assertThat(inspect(d, window(30, regular(4, T0, 60_000)))).isPresent();

    assertThat(inspect(d, window(40, List.of(tcp(C2, 443, 51_000, T0 + 240_000, 500, 300))))).isEmpty();
    long hourLater = 30 + 360;
    assertThat(inspect(d, window((int) hourLater, List.of(tcp(C2, 443, 52_000, T0 + 300_000, 500, 300)))))
        .isPresent();
  }

  @Test
  void shouldNotAlertOnIrregularIntervals() {
    Random random = new Random(7);
    List<FlowSummary> flows = new ArrayList<>();
    long t = T0;
    for (int i = 0; i < 20; i++) {
      t += 1_000 + random.nextInt(600_000);
      flows.add(tcp(C2, 443, 50_000 + i, t, 500, 300));
    }

    assertThat(inspect(detector(""), window(100, flows))).isEmpty();
  }

  @Test
  void shouldIgnoreChattyPairsFasterThanTheMinimumInterval() {
    assertThat(inspect(detector("min-interval = 2s"), window(30, regular(8, T0, 1_000)))).isEmpty();
    assertThat(inspect(detector("min-interval = 1s"), window(30, regular(8, T0, 1_000)))).isPresent();
  }

  @Test
  void shouldIgnoreInfrastructurePortsAndGroupAddresses() {
    List<FlowSummary> ntp = new ArrayList<>();
    List<FlowSummary> ssdp = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ntp.add(tcp("192.0.2.1", 123, 123, T0 + i * 64_000L, 48, 48));
      ssdp.add(tcp("239.255.255.250", 8000, 50_000 + i, T0 + i * 64_000L, 48, 48));
    }

    assertThat(inspect(detector(""), window(30, ntp))).isEmpty();
    assertThat(inspect(detector(""), window(30, ssdp))).isEmpty();
  }

  @Test
  void shouldTreatAnActiveTimeoutContinuationAsTheSameConnection() {
    List<FlowSummary> pieces = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long start = T0 + i * 1_800_000L;
      pieces.add(
          new FlowSummary(C2, 443, 50_000, "tcp", null, start, start + 1_799_900, 10, 500, 10, 300, "established",
              null));
    }

    assertThat(inspect(detector(""), window(1100, pieces))).isEmpty();
  }

  @Test
  void shouldForgetTheLeastRecentlyActivePairBeyondMaxPairs() {
    HostDetector small = detector("max-pairs = 1");
    HostDetector roomy = detector("max-pairs = 2");
    List<FlowSummary> beacon = regular(4, T0, 60_000);
    FlowSummary other = tcp("198.51.100.9", 8080, 40_000, T0 + 1_000, 500, 300);
    for (HostDetector d : List.of(small, roomy)) {
      inspect(d, window(10, beacon.subList(0, 2)));
      inspect(d, window(11, List.of(other)));
    }

    assertThat(inspect(small, window(30, beacon.subList(2, 4)))).isEmpty();
    assertThat(inspect(roomy, window(30, beacon.subList(2, 4)))).isPresent();
  }

  @Test
  void shouldKeepOnlyTheNewestConnectionsPerPair() {
    HostDetector d = detector("max-connections-per-pair = 8");
    Random random = new Random(3);
    List<FlowSummary> noisy = new ArrayList<>();
    long t = T0;
    for (int i = 0; i < 30; i++) {
      t += 1_000 + random.nextInt(600_000);
      noisy.add(tcp(C2, 443, 50_000 + i, t, 100 + random.nextInt(5_000), 300));
    }
    assertThat(inspect(d, window(10, noisy))).isEmpty();

    assertThat(inspect(d, window(5000, regular(8, t + 600_000, 60_000)))).isPresent();
  }

  @Test
  void shouldRejectFewerThanThreeMinimumConnections() {
    assertThatThrownBy(() -> detector("min-connections = 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beaconing.min-connections");
  }
}

package io.watchfloor.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class HostBaselineTest {

  private static final BaselineSettings SETTINGS = new BaselineSettings(30, 0.05, 0.35);
  private static final int BYTES_OUT = HostFeature.BYTES_OUT.ordinal();

  @Test
  void shouldBeColdUntilWarmupWindowsAreLearned() {
    HostBaseline baseline = new HostBaseline(SETTINGS);
    for (int i = 0; i < 29; i++) {
      baseline.update(ordinaryWindow(new Random(i)), 0L);
    }
    assertThat(baseline.isWarm()).isFalse();

    baseline.update(ordinaryWindow(new Random(29)), 0L);

    assertThat(baseline.isWarm()).isTrue();
    assertThat(baseline.windows()).isEqualTo(30);
  }

  @Test
  void shouldLearnTheTypicalValueDuringWarmup() {
    HostBaseline baseline = learned(10);

    assertThat(baseline.typical(BYTES_OUT)).isCloseTo(50_000, Percentage.withPercentage(5));
  }

  @Test
  void shouldGiveLargerZScoresToLargerValues() {
    HostBaseline baseline = learned(40);

    double usual = baseline.zScore(BYTES_OUT, 50_000);
    double tenfold = baseline.zScore(BYTES_OUT, 500_000);
    double thousandfold = baseline.zScore(BYTES_OUT, 50_000_000);

    assertThat(usual).isLessThan(1);
    assertThat(tenfold).isGreaterThan(usual);
    assertThat(thousandfold).isGreaterThan(tenfold).isGreaterThan(6);
  }

  @Test
  void shouldRestoreTheSameZScoresFromASnapshot() {
    HostBaseline baseline = learned(40);

    HostBaseline restored = HostBaseline.fromBytes(baseline.toBytes(), SETTINGS);

    assertThat(restored.windows()).isEqualTo(baseline.windows());
    assertThat(restored.isWarm()).isTrue();
    for (int i = 0; i < HostFeature.count(); i++) {
      for (double v : new double[] {0, 100, 50_000, 5e7}) {
        assertThat(restored.zScore(i, v)).isEqualTo(baseline.zScore(i, v));
      }
      assertThat(restored.typical(i)).isEqualTo(baseline.typical(i));
    }
  }

  @Test
  void shouldRejectASnapshotOfAnotherFormatVersion() {
    byte[] data = learned(3).toBytes();
    ByteBuffer.wrap(data).putInt(0, 3);

    assertThatThrownBy(() -> HostBaseline.fromBytes(data, SETTINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 3");
  }

  @Test
  void shouldRejectATruncatedSnapshot() {
    byte[] data = learned(3).toBytes();
    byte[] truncated = Arrays.copyOf(data, data.length - 5);

    assertThatThrownBy(() -> HostBaseline.fromBytes(truncated, SETTINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRejectAnEmptySnapshot() {
    assertThatThrownBy(() -> HostBaseline.fromBytes(new byte[0], SETTINGS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static HostBaseline learned(int windows) {
    HostBaseline baseline = new HostBaseline(SETTINGS);
    Random random = new Random(7);
    for (int i = 0; i < windows; i++) {
      baseline.update(ordinaryWindow(random), 0L);
    }
    return baseline;
  }

  /** About 100 packets and 50 KB each way, a few connections. */
  private static double[] ordinaryWindow(Random random) {
    double[] v = new double[HostFeature.count()];
    v[HostFeature.PACKETS_IN.ordinal()] = 100 + random.nextInt(11) - 5;
    v[HostFeature.PACKETS_OUT.ordinal()] = 100 + random.nextInt(11) - 5;
    v[HostFeature.BYTES_IN.ordinal()] = 50_000 + random.nextInt(2_001) - 1_000;
    v[BYTES_OUT] = 50_000 + random.nextInt(2_001) - 1_000;
    v[HostFeature.CONNECTIONS_OUT.ordinal()] = 3;
    v[HostFeature.DISTINCT_PEERS.ordinal()] = 2;
    v[HostFeature.DISTINCT_PORTS_OUT.ordinal()] = 2;
    return v;
  }
}

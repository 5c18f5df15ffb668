package io.watchfloor.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seasonality: a host that moves a lot every weekday late morning and little at night. The same
 * large transfer must be usual at 11:00 and far off the baseline at 03:00.
 */
class SeasonalBaselineTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final BaselineSettings SETTINGS = new BaselineSettings(30, 0.05, 0.35, 30, BERLIN);
  private static final int BYTES_OUT = HostFeature.BYTES_OUT.ordinal();
  private static final long WINDOW = 10_000;
  /** Monday 2026-11-02 00:00 in Berlin. */
  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, BERLIN);

  @Test
  void shouldJudgeTheSameTransferUsualAtElevenAndOffBaselineAtThree() {
    HostBaseline baseline = twoWeeksOfOfficeLife();
    double[] transfer = vector(400_000_000, new Random(1));

    BaselineView eleven = baseline.at(at(2, 11, 30));
    BaselineView three = baseline.at(at(2, 3, 30));

    assertThat(eleven.scope()).isEqualTo("hour_of_week");
    assertThat(three.scope()).isEqualTo("hour_of_day"); // 12 night windows per weekday hour: too few
    assertThat(eleven.zScore(BYTES_OUT, transfer[BYTES_OUT])).isLessThan(3);
    assertThat(three.zScore(BYTES_OUT, transfer[BYTES_OUT])).isGreaterThan(10);
    // the overall baseline, mixing day and night, would not separate them as clearly
    assertThat(baseline.overall().zScore(BYTES_OUT, transfer[BYTES_OUT]))
        .isLessThan(three.zScore(BYTES_OUT, transfer[BYTES_OUT]) / 2);
  }

  @Test
  void shouldFallBackToTheHourOfDayThenToEverything() {
    HostBaseline baseline = new HostBaseline(SETTINGS);
    Random random = new Random(3);
    // Tuesday 09:00-09:05: 30 windows, enough to warm the 09:00 slices
    for (int w = 0; w < 30; w++) {
      baseline.update(vector(1_000_000, random), at(1, 9, 0) + w * WINDOW);
    }

    assertThat(baseline.at(at(1, 9, 30)).scope()).isEqualTo("hour_of_week");
    assertThat(baseline.at(at(3, 9, 30)).scope()).isEqualTo("hour_of_day");
    assertThat(baseline.at(at(3, 15, 0)).scope()).isEqualTo("overall");
    assertThat(baseline.at(at(4, 9, 10)).windowsAtThisHour()).isEqualTo(30);
    assertThat(baseline.at(at(4, 15, 10)).windowsAtThisHour()).isZero();
  }

  @Test
  void shouldRestoreItsHourSlicesFromASnapshot() {
    HostBaseline baseline = twoWeeksOfOfficeLife();

    HostBaseline restored = HostBaseline.fromBytes(baseline.toBytes(), SETTINGS);

    for (long t : new long[] {at(2, 3, 30), at(2, 11, 30), at(5, 18, 0)}) {
      assertThat(restored.at(t).scope()).isEqualTo(baseline.at(t).scope());
      assertThat(restored.at(t).zScore(BYTES_OUT, 5e7)).isEqualTo(baseline.at(t).zScore(BYTES_OUT, 5e7));
    }
  }

  @Test
  void shouldRestoreABaselineSnapshotWithoutHourSlices() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1); // format 1: overall moments only
      out.writeLong(40);
      out.writeInt(2);
      out.writeDouble(Math.log1p(1000));
      out.writeDouble(0.25);
      out.writeDouble(Math.log1p(2000));
      out.writeDouble(0.25);
    }

    HostBaseline restored = HostBaseline.fromBytes(bytes.toByteArray(), SETTINGS);

    assertThat(restored.windows()).isEqualTo(40);
    assertThat(restored.isWarm()).isTrue();
    assertThat(restored.typical(1)).isCloseTo(2000, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(restored.at(at(2, 3, 0)).scope()).isEqualTo("overall");
  }

  /**
   * Every weekday for two weeks: 10:00-12:00 a 300-500 MB transfer per window; 02:00-04:00 a few
   * kilobytes of keep-alives; nothing else.
   */
  private static HostBaseline twoWeeksOfOfficeLife() {
    HostBaseline baseline = new HostBaseline(SETTINGS);
    Random random = new Random(42);
    for (int week = 0; week < 2; week++) {
      for (int day = 0; day < 5; day++) {
        int d = week * 7 + day;
        for (long t = at(d, 2, 0); t < at(d, 4, 0); t += 60 * WINDOW) {
          baseline.update(vector(4_000 + random.nextInt(2_000), random), t);
        }
        for (long t = at(d, 10, 0); t < at(d, 12, 0); t += 6 * WINDOW) {
          baseline.update(vector(300_000_000 + random.nextInt(200_000_000), random), t);
        }
      }
    }
    return baseline;
  }

  private static double[] vector(double bytesOut, Random random) {
    double[] v = new double[HostFeature.count()];
    v[BYTES_OUT] = bytesOut;
    v[HostFeature.PACKETS_OUT.ordinal()] = bytesOut / 1_000 + random.nextInt(10);
    return v;
  }

  private static long at(int day, int hour, int minute) {
    return MONDAY.plusDays(day).withHour(hour).withMinute(minute).toInstant().toEpochMilli();
  }
}

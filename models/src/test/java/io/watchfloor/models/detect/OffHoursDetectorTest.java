package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffHoursDetectorTest {
  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final BaselineSettings SETTINGS = new BaselineSettings(30, 0.05, 0.35, 30, ZONE);
  private static final WorkingHours OFFICE =
      WorkingHours.parse("07:00-19:00", List.of("MON", "TUE", "WED", "THU", "FRI"), ZONE, "k");
  /** Monday 2026-11-02 00:00 New York. */
  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, ZONE);
  private static final long MB = 1_000_000;

  @Test
  void shouldFlagALargeTransferAtThreeByAnOfficeHoursHost() {
    HostBaseline b = officeHost(false);
    HostWindow night = window(at(2, 3, 10), 400 * MB);

    Finding f = detector().inspect(night, b.at(night.windowStartMillis()), vector(night)).orElseThrow();

    assertThat(f.detector()).isEqualTo("off_hours");
    assertThat(f.evidence())
        .containsEntry("local_time", "Wed 03:10 America/New_York")
        .containsEntry("direction", "out")
        .containsEntry("windows_at_this_hour", "0");
    assertThat(f.summary()).contains("400.0 MB out", "outside working hours");
  }

  @Test
  void shouldNotFlagTheSameTransferInOfficeHours() {
    HostBaseline b = officeHost(false);
    HostWindow day = window(at(2, 11, 10), 400 * MB);

    assertThat(detector().inspect(day, b.at(day.windowStartMillis()), vector(day))).isEmpty();
  }

  @Test
  void shouldNotFlagANightlyBackupThatIsUsualAtItsHour() {
    HostBaseline b = officeHost(true);
    HostWindow backup = window(at(9, 3, 10), 400 * MB);

    assertThat(b.at(backup.windowStartMillis()).scope()).isNotEqualTo("overall");
    assertThat(detector().inspect(backup, b.at(backup.windowStartMillis()), vector(backup))).isEmpty();
  }

  @Test
  void shouldTreatWeekendsAsOffHoursAndSmallTransfersAsNothing() {
    HostBaseline b = officeHost(false);
    // judged against weekdays at 11:00 (50-100 MB) until Saturday 11:00 has its own history
    HostWindow saturday = window(at(5, 11, 0), 2_000 * MB);
    HostWindow small = window(at(2, 3, 0), 5 * MB);

    assertThat(detector().inspect(saturday, b.at(saturday.windowStartMillis()), vector(saturday))).isPresent();
    assertThat(detector().inspect(small, b.at(small.windowStartMillis()), vector(small))).isEmpty();
  }

  @Test
  void shouldNotJudgeAHostWithoutHistory() {
    HostBaseline fresh = new HostBaseline(SETTINGS);
    HostWindow night = window(at(2, 3, 10), 400 * MB);

    assertThat(detector().inspect(night, fresh.at(night.windowStartMillis()), vector(night))).isEmpty();
  }

  @Test
  void shouldHandleWorkingHoursThatWrapMidnight() {
    WorkingHours nights = WorkingHours.parse("22:00-06:00", List.of("MON"), ZONE, "k");

    assertThat(nights.isOffHours(at(0, 23, 0))).isFalse(); // Monday 23:00
    assertThat(nights.isOffHours(at(1, 5, 0))).isFalse(); // Monday's shift, Tuesday 05:00
    assertThat(nights.isOffHours(at(1, 23, 0))).isTrue(); // Tuesday has no shift
    assertThat(nights.isOffHours(at(0, 12, 0))).isTrue();
  }

  @Test
  void shouldRejectBadWorkingHours() {
    assertThatThrownBy(() -> WorkingHours.parse("7-19", List.of(), ZONE, "x.off-hours"))
        .hasMessageContaining("x.off-hours.working-hours");
    assertThatThrownBy(() -> WorkingHours.parse("07:00-19:00", List.of("FUNDAY"), ZONE, "x.off-hours"))
        .hasMessageContaining("FUNDAY");
  }

  private static final long MIB = 1L << 20;

  @Test
  void shouldFlagALowAndSlowTransferSpreadOverWindowsEachBelowTheFloor() {
    HostBaseline b = officeHost(false);
    OffHoursDetector d = accumulating();
    // 20 MiB + 30 windows of headers over five minutes: 0.7 MiB per 10 s window, far below 20 MiB
    long perWindow = 20 * MIB / 30 + 1_000;
    Finding found = null;
    int alertedAt = -1;
    for (int i = 0; i < 30; i++) {
      HostWindow w = window(at(2, 3, 40) + i * 10_000L, perWindow);
      var f = d.inspect(w, b.at(w.windowStartMillis()), vector(w));
      if (f.isPresent()) {
        assertThat(found).as("one alert for one transfer").isNull();
        found = f.get();
        alertedAt = i;
      }
    }

    assertThat(found).isNotNull();
    assertThat(alertedAt).isEqualTo(29); // once the sum passes 20 MiB
    assertThat(found.evidence()).containsEntry("windows", "30").containsEntry("direction", "out");
    assertThat(Long.parseLong(found.evidence().get("bytes"))).isGreaterThanOrEqualTo(20 * MIB);
    assertThat(found.summary()).contains("over 30 windows");
  }

  @Test
  void shouldFlagABurstInItsOwnWindowWithTheAccumulationOn() {
    HostBaseline b = officeHost(false);
    HostWindow burst = window(at(2, 3, 0), 25 * MIB);

    Finding f = accumulating().inspect(burst, b.at(burst.windowStartMillis()), vector(burst)).orElseThrow();

    assertThat(f.evidence()).containsEntry("windows", "1").containsEntry("bytes", Long.toString(25 * MIB));
  }

  @Test
  void shouldNotAddUpNightTrafficSpreadWiderThanTheSpan() {
    HostBaseline b = officeHost(false);
    OffHoursDetector d = accumulating();
    // the same 20 MiB over an hour: at most ~3.4 MiB in any 10 minutes
    for (int i = 0; i < 360; i++) {
      HostWindow w = window(at(2, 2, 0) + i * 10_000L, 20 * MIB / 360);
      assertThat(d.inspect(w, b.at(w.windowStartMillis()), vector(w))).isEmpty();
    }
  }

  @Test
  void shouldNotCarryOfficeHoursTrafficIntoTheEvening() {
    HostBaseline b = officeHost(false);
    OffHoursDetector d = accumulating();
    // 18:55-19:01 at 3 MiB per window: 90 MiB before 19:00, only 18 MiB (6 windows) after
    for (int i = 0; i < 36; i++) {
      HostWindow w = window(at(2, 18, 55) + i * 10_000L, 3 * MIB);
      assertThat(d.inspect(w, b.at(w.windowStartMillis()), vector(w))).isEmpty();
    }
  }

  @Test
  void shouldRejectAnAccumulationSpanShorterThanItsSlots() {
    assertThatThrownBy(() -> new OffHoursDetector(OFFICE, 20 * MB, 10, 360, Duration.ofHours(1), Duration.ofMillis(10)))
        .hasMessageContaining("accumulate-over");
  }

  private static OffHoursDetector accumulating() {
    return new OffHoursDetector(OFFICE, 20 * MIB, 10, 360, Duration.ofHours(1), Duration.ofMinutes(10));
  }

  private static OffHoursDetector detector() {
    return new OffHoursDetector(OFFICE, 20 * MB, 10, 360, Duration.ofHours(1));
  }

  /**
   * A week of weekdays 08:00-18:00 moving 50-100 MB per minute; with {@code backups}, also
   * 03:00-03:30 every night moving 400 MB per window.
   */
  private static HostBaseline officeHost(boolean backups) {
    HostBaseline b = new HostBaseline(SETTINGS);
    for (int day = 0; day < 5; day++) {
      for (long t = at(day, 8, 0); t < at(day, 18, 0); t += 60_000) {
        HostWindow w = window(t, (50 + (t / 60_000) % 50) * MB);
        b.update(vector(w), t);
      }
      if (backups) {
        for (long t = at(day, 3, 0); t < at(day, 3, 30); t += 10_000) {
          HostWindow w = window(t, 400 * MB);
          b.update(vector(w), t);
        }
      }
    }
    return b;
  }

  private static double[] vector(HostWindow w) {
    return HostFeature.vectorOf(w);
  }

  private static HostWindow window(long start, long bytesOut) {
    return new HostWindow("local", "s", "10.0.0.5", start, 10_000, bytesOut / 5_000, bytesOut / 1_500,
        bytesOut / 50, bytesOut, 3, 0, 0, 2, 2, 0, null);
  }

  private static long at(int day, int hour, int minute) {
    return MONDAY.plusDays(day).withHour(hour).withMinute(minute).toInstant().toEpochMilli();
  }
}

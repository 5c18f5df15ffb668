package io.watchfloor.loadtest.synth;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * How busy a person's workstation is at a given time, relative to the peak (1.0): an office week in
 * UTC. Workdays ramp up from 07:00, dip at lunch and fade in the evening; nights and weekends keep
 * background traffic (updates, mail polls) of desktops but laptops are switched off.
 */
final class DiurnalProfile {

  private static final double[] WORKDAY = {
      0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.06, 0.3, 0.8, 1.0, 1.0, 1.0,
      0.6, 1.0, 1.0, 1.0, 0.9, 0.7, 0.35, 0.15, 0.1, 0.08, 0.05, 0.04};
  private static final double WEEKEND_DAY = 0.08;
  private static final double WEEKEND_NIGHT = 0.03;
  static final int WORK_START_HOUR = 7;
  static final int WORK_END_HOUR = 19;

  private DiurnalProfile() {}

  /** Relative activity in [0, 1] at {@code micros}; laptops are 0 outside working hours. */
  static double weight(long micros, boolean laptop) {
    ZonedDateTime t = Instant.ofEpochSecond(micros / 1_000_000L).atZone(ZoneOffset.UTC);
    int hour = t.getHour();
    boolean workHours = hour >= WORK_START_HOUR && hour < WORK_END_HOUR;
    boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY
        || t.getDayOfWeek() == DayOfWeek.SUNDAY;
    if (laptop && (weekend || !workHours)) {
      return 0;
    }
    if (weekend) {
      return workHours ? WEEKEND_DAY : WEEKEND_NIGHT;
    }
    return WORKDAY[hour];
  }
}

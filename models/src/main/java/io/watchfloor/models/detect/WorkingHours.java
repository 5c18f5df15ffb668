package io.watchfloor.models.detect;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When people work: a daily span of local time (which may wrap past midnight, e.g. a night shift
 * {@code 22:00-06:00}) on some days of the week, in one time zone. Everything else is off-hours.
 */
public record WorkingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days, ZoneId zone) {

  public WorkingHours {
    days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
  }

  /**
   * @param span {@code HH:MM-HH:MM}
   * @param days day names or three-letter abbreviations (MON, tuesday, ...)
   * @param key the config key, for error messages
   */
  public static WorkingHours parse(String span, List<String> days, ZoneId zone, String key) {
    String[] parts = span.strip().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          key + ".working-hours must look like 07:00-19:00, was '" + span + "'");
    }
    LocalTime start;
    LocalTime end;
    try {
      start = LocalTime.parse(parts[0].strip());
      end = LocalTime.parse(parts[1].strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          key + ".working-hours must look like 07:00-19:00, was '" + span + "'", e);
    }
    Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
    for (String d : days) {
      parsed.add(day(d, key));
    }
    return new WorkingHours(start, end, parsed, zone);
  }

  private static DayOfWeek day(String text, String key) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(t) || (t.length() == 3 && d.name().startsWith(t))) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        key + ".working-days: '" + text + "' is not a day of the week (MON ... SUN)");
  }

  /** Whether the instant falls outside working hours. */
  public boolean isOffHours(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
    LocalTime time = t.toLocalTime();
    boolean inSpan =
        start.isBefore(end)
            ? !time.isBefore(start) && time.isBefore(end)
            : !time.isBefore(start) || time.isBefore(end);
    // a span wrapping midnight belongs to the day it started on
    DayOfWeek day = start.isBefore(end) || !time.isBefore(start)
        ? t.getDayOfWeek() : t.getDayOfWeek().minus(1);
    return !(inSpan && days.contains(day));
  }

  /** Local time of day and weekday, for messages ("Tue 03:12"). */
  public String describe(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
    String day = t.getDayOfWeek().name().substring(0, 1) + t.getDayOfWeek().name().substring(1, 3).toLowerCase(Locale.ROOT);
    return String.format(Locale.ROOT, "%s %02d:%02d %s", day, t.getHour(), t.getMinute(), zone.getId());
  }
}

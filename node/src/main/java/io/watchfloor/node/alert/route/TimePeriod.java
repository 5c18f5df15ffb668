package io.watchfloor.node.alert.route;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of an Alertmanager {@code time_intervals} list: weekdays, times of day, days of the
 * month and months, read in a time zone ({@code location}, default UTC). Every field given must
 * match; a field left out matches always. Ranges are inclusive ({@code monday:friday}, {@code 1:5}),
 * times are [start, end) in minutes of the day.
 */
public record TimePeriod(
    Set<DayOfWeek> weekdays, List<int[]> minuteRanges, Set<Integer> daysOfMonth, Set<Integer> months, ZoneId location) {

  public TimePeriod {
    weekdays = Set.copyOf(weekdays);
    minuteRanges = List.copyOf(minuteRanges);
    daysOfMonth = Set.copyOf(daysOfMonth);
    months = Set.copyOf(months);
  }

  public boolean contains(Instant t) {
    ZonedDateTime local = t.atZone(location);
    if (!weekdays.isEmpty() && !weekdays.contains(local.getDayOfWeek())) {
      return false;
    }
    if (!months.isEmpty() && !months.contains(local.getMonthValue())) {
      return false;
    }
    if (!daysOfMonth.isEmpty()) {
      int day = local.getDayOfMonth();
      int fromEnd = day - local.toLocalDate().lengthOfMonth() - 1; // -1 = last day, as in Alertmanager
      if (!daysOfMonth.contains(day) && !daysOfMonth.contains(fromEnd)) {
        return false;
      }
    }
    if (!minuteRanges.isEmpty()) {
      int minute = local.getHour() * 60 + local.getMinute();
      return minuteRanges.stream().anyMatch(r -> minute >= r[0] && minute < r[1]);
    }
    return true;
  }

  /** {@code "HH:MM"}, 00:00 to 24:00, as minutes of the day. */
  public static int minuteOfDay(String text) {
    if (!text.matches("\\d{2}:\\d{2}")) {
      throw new IllegalArgumentException("'" + text + "' is not a time of day HH:MM");
    }
    int h = Integer.parseInt(text.substring(0, 2));
    int m = Integer.parseInt(text.substring(3));
    if (m > 59 || h > 24 || (h == 24 && m != 0)) {
      throw new IllegalArgumentException("'" + text + "' is not a time between 00:00 and 24:00");
    }
    return h * 60 + m;
  }

  /** {@code "monday"} or {@code "monday:friday"}. */
  public static void addWeekdays(String text, Set<DayOfWeek> into) {
    String[] parts = text.toUpperCase(Locale.ROOT).split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("'" + text + "' is not a weekday or a range DAY:DAY");
    }
    DayOfWeek from = weekday(parts[0], text);
    DayOfWeek to = parts.length == 2 ? weekday(parts[1], text) : from;
    for (DayOfWeek d = from; ; d = d.plus(1)) {
      into.add(d);
      if (d == to) {
        break;
      }
    }
  }

  /** {@code "3"} or {@code "1:5"}, each number within [min, max] and not 0. */
  public static void addNumbers(String text, int min, int max, Set<Integer> into) {
    String[] parts = text.split(":", -1);
    try {
      int from = Integer.parseInt(parts[0].trim());
      int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
      if (parts.length > 2 || from < min || to > max || from == 0 || to == 0 || from > to) {
        throw new NumberFormatException();
      }
      for (int i = from; i <= to; i++) {
        into.add(i);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a number or range FROM:TO within " + min + ".." + max);
    }
  }

  private static DayOfWeek weekday(String name, String text) {
    try {
      return DayOfWeek.valueOf(name.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a weekday (monday ... sunday)");
    }
  }
}

package io.watchfloor.models.detect;

import java.util.Arrays;

/**
 * RITA's beacon score (activecm/rita, {@code pkg/beacon/analyzer.go}, v4) over one (host, peer,
 * peer port) pair: a beacon connects at a steady interval with steady sizes. Each part is in
 * [0, 1], 1 = perfectly regular; the score is their mean.
 *
 * <p>As in RITA, start times are whole seconds and equal seconds count once (parallel connections
 * of one burst are one check-in), quartiles are picked by rounded index, and Bowley's skew counts
 * as 0 when the median equals a quartile (whole-second intervals often make it so). Unlike RITA:
 * <ul>
 *   <li>interval dispersion is judged against {@code min(madCutoffSeconds, median interval)}, so a
 *       10 s beacon with 10 s of jitter is no beacon while a 1 h beacon may jitter by RITA's 30 s;
 *   <li>size dispersion is relative to the median size (with a 32-byte floor, RITA's cutoff), so
 *       steady 90 KB uploads count as regular; RITA's "smallness" part is left out because large
 *       periodic uploads are exactly what we want to see (the exfiltration detector judges volume);
 *   <li>the connection-count part is {@code min(1, distinct starts / fullScoreStarts)} instead of
 *       a share of a 24 h dataset, because a stream has no dataset length.
 * </ul>
 *
 * @param medianIntervalSeconds median of the intervals between distinct start seconds
 * @param intervalMadSeconds median absolute deviation of those intervals
 * @param medianBytes median bytes out per connection
 * @param bytesMad median absolute deviation of bytes out
 */
public record BeaconScore(
    int starts,
    double medianIntervalSeconds,
    double intervalMadSeconds,
    double medianBytes,
    double bytesMad,
    double intervalSkewScore,
    double intervalMadScore,
    double sizeSkewScore,
    double sizeMadScore,
    double countScore) {

  /** RITA's data-size dispersion cutoff. */
  static final double SIZE_MAD_FLOOR_BYTES = 32;

  /** Mean of the five parts. */
  public double score() {
    return (intervalSkewScore + intervalMadScore + sizeSkewScore + sizeMadScore + countScore) / 5;
  }

  /**
   * @param startSeconds distinct connection start times in seconds, ascending, at least 2
   * @param bytesOut bytes out per connection (any order), at least 1
   */
  public static BeaconScore of(
      long[] startSeconds, long[] bytesOut, double madCutoffSeconds, int fullScoreStarts) {
    if (startSeconds.length < 2 || bytesOut.length < 1) {
      throw new IllegalArgumentException(
          "a beacon score needs 2 starts and 1 size, got " + startSeconds.length + " and " + bytesOut.length);
    }
    long[] intervals = new long[startSeconds.length - 1];
    for (int i = 0; i < intervals.length; i++) {
      intervals[i] = startSeconds[i + 1] - startSeconds[i];
    }
    long[] sizes = bytesOut.clone();
    Arrays.sort(intervals);
    Arrays.sort(sizes);
    double tsMedian = quantile(intervals, 0.5);
    double tsMad = mad(intervals, tsMedian);
    double dsMedian = quantile(sizes, 0.5);
    double dsMad = mad(sizes, dsMedian);
    double tsDispersionScale = Math.min(madCutoffSeconds, tsMedian);
    double tsMadScore = tsDispersionScale <= 0 ? 0 : clamp(1 - tsMad / tsDispersionScale);
    double dsMadScore = clamp(1 - dsMad / Math.max(SIZE_MAD_FLOOR_BYTES, dsMedian));
    return new BeaconScore(
        startSeconds.length,
        tsMedian,
        tsMad,
        dsMedian,
        dsMad,
        1 - Math.abs(bowleySkew(intervals)),
        tsMadScore,
        1 - Math.abs(bowleySkew(sizes)),
        dsMadScore,
        Math.min(1.0, startSeconds.length / (double) fullScoreStarts));
  }

  /** Bowley's quartile skew in [-1, 1]; 0 when unreliable (a quartile equals the median). */
  static double bowleySkew(long[] sorted) {
    double low = quantile(sorted, 0.25);
    double mid = quantile(sorted, 0.5);
    double high = quantile(sorted, 0.75);
    if (high == low || mid == low || mid == high) {
      return 0;
    }
    return (low + high - 2 * mid) / (high - low);
  }

  /** RITA's quantile: the element at the rounded index (half away from zero, as Go's Round). */
  static double quantile(long[] sorted, double q) {
    return sorted[(int) Math.floor(q * (sorted.length - 1) + 0.5)];
  }

  private static double mad(long[] values, double median) {
    long[] devs = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      devs[i] = Math.round(Math.abs(values[i] - median));
    }
    Arrays.sort(devs);
    return quantile(devs, 0.5);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}

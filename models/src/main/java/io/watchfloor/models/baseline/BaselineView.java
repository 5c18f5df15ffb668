package io.watchfloor.models.baseline;

import io.watchfloor.protocol.alert.FeatureDeviation;
import java.util.List;

/**
 * A host's usual traffic as it applies to one window: the hour-of-week, hour-of-day or overall
 * statistics of its baseline, whichever is the most specific one that has learnt enough (see
 * {@link HostBaseline#at(long)}). Values are on the original scale; z-scores on the log scale.
 */
public interface BaselineView {

  /** Where the expectation comes from: {@code hour_of_week}, {@code hour_of_day} or {@code overall}. */
  String scope();

  /** Windows the host's whole baseline has learnt. */
  long windows();

  /**
   * Windows the host was seen in at this window's hour of the day (0: never active at this hour).
   * The overall view of a baseline without a time answers with all its windows.
   */
  long windowsAtThisHour();

  /** Whether the whole baseline has learnt its warm-up windows and may flag anything. */
  boolean isWarm();

  /** The usual value of feature i. */
  double typical(int i);

  /** The spread of feature i (one sd above the typical value, minus it). */
  double spread(int i);

  /** How far value is above the usual, in log-scale standard deviations. */
  double zScore(int i, double value);

  /** Every feature of the window against this view, most unusual first. */
  List<FeatureDeviation> deviations(double[] values);
}

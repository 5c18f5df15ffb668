package io.watchfloor.models;

import java.math.BigDecimal;

/**
 * The range checks of one block of settings, read once at start-up: a value out of range fails
 * with the full key, what it must be, and what it was, e.g. {@code watchfloor.models.baseline.alpha
 * must be in (0, 1), was 2.0}.
 *
 * @param prefix the block's path with a trailing dot, e.g. {@code watchfloor.models.baseline.}
 */
public record SettingRanges(String prefix) {

  public void atLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(prefix + key + " must be at least " + min + ", was " + value);
    }
  }

  /** Rejects zero, negative values and NaN. */
  public void positive(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(prefix + key + " must be positive, was " + value);
    }
  }

  /** Strictly between the bounds; rejects NaN. */
  public void between(String key, double value, double low, double high) {
    if (!(value > low && value < high)) {
      throw new IllegalArgumentException(
          prefix + key + " must be in (" + plain(low) + ", " + plain(high) + "), was " + value);
    }
  }

  /** A bound as the reference.conf comments write it: 0 and 1, not 0.0 and 1.0. */
  private static String plain(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }
}

package io.watchfloor.node.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations with fixed buckets, recorded lock-free from any thread: one
 * bucket increment and one adder per observation, no allocation. Exposed in seconds.
 */
public final class LatencyHistogram {
  /** Upper bounds in seconds: 100 µs to 30 s, about three per decade. */
  static final double[] BOUNDS_SECONDS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };
  private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

  static {
    for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
      BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
    }
  }

  /** Per-bucket counts, not cumulative; the last slot is +Inf. */
  private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_NANOS.length + 1);
  private final LongAdder sumNanos = new LongAdder();

  public void recordNanos(long nanos) {
    long n = Math.max(0, nanos);
    int i = 0;
    while (i < BOUNDS_NANOS.length && n > BOUNDS_NANOS[i]) {
      i++;
    }
    buckets.incrementAndGet(i);
    sumNanos.add(n);
  }

  /** Records the time since {@code startNanos} (a {@link System#nanoTime()} reading). */
  public void recordSince(long startNanos) {
    recordNanos(System.nanoTime() - startNanos);
  }

  /** Cumulative counts per bound, then +Inf (= the count). Not atomic across buckets, as Prometheus allows. */
  long[] cumulative() {
    long[] out = new long[buckets.length()];
    long running = 0;
    for (int i = 0; i < out.length; i++) {
      running += buckets.get(i);
      out[i] = running;
    }
    return out;
  }

  double sumSeconds() {
    return sumNanos.sum() / 1e9;
  }
}

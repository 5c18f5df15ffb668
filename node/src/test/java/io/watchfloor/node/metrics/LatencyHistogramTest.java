package io.watchfloor.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void shouldCountEachDurationInItsBucketAndCumulateUpwards() {
    LatencyHistogram h = new LatencyHistogram();
    h.recordNanos(50_000); // 50 µs: first bucket (0.0001 s)
    h.recordNanos(100_000); // exactly on a bound: that bucket (le is inclusive)
    h.recordNanos(3_000_000); // 3 ms: the 0.005 s bucket
    h.recordNanos(60_000_000_000L); // 60 s: only +Inf

    long[] c = h.cumulative();

    assertThat(c[0]).isEqualTo(2);
    assertThat(c[indexOf(0.0025)]).isEqualTo(2);
    assertThat(c[indexOf(0.005)]).isEqualTo(3);
    assertThat(c[LatencyHistogram.BOUNDS_SECONDS.length - 1]).isEqualTo(3);
    assertThat(c[c.length - 1]).isEqualTo(4);
    assertThat(h.sumSeconds()).isCloseTo(60.00315, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void shouldLoseNoObservationUnderConcurrentRecording() {
    LatencyHistogram h = new LatencyHistogram();
    IntStream.range(0, 100_000).parallel().forEach(i -> h.recordNanos(i * 1_000L));

    long[] c = h.cumulative();

    assertThat(c[c.length - 1]).isEqualTo(100_000);
  }

  private static int indexOf(double bound) {
    for (int i = 0; i < LatencyHistogram.BOUNDS_SECONDS.length; i++) {
      if (LatencyHistogram.BOUNDS_SECONDS[i] == bound) {
        return i;
      }
    }
    throw new AssertionError(bound);
  }
}

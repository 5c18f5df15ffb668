package io.watchfloor.loadtest.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * The cases of {@link ScoringBenchmark} timed by the thread's CPU time instead of wall time, for a
 * shared machine where other processes take the core away (JMH's wall-clock figures then grow with
 * the load average; CPU time does not). Each case runs until it has used 3 s of CPU to warm up, then
 * 3 s measured. Not a replacement for JMH: no forks, no blackhole; the results feed a checksum.
 *
 * <p>usage: {@code ScoringCpuTime [dimension...]} (default 9 72)
 */
public final class ScoringCpuTime {

  private static final long WARMUP_NANOS = 3_000_000_000L;
  private static final long MEASURE_NANOS = 3_000_000_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static double checksum;

  private ScoringCpuTime() {}

  public static void main(String[] args) {
    String[] dimensions = args.length > 0 ? args : new String[] {"9", "72"};
    System.out.println("| case | dimension | CPU ns per vector | vectors/s per core |");
    System.out.println("|---|---:|---:|---:|");
    for (String d : dimensions) {
      ScoringBenchmark b = new ScoringBenchmark();
      b.dimension = Integer.parseInt(d);
      b.setUp();
      report("DL4J output(), batch 1", b.dimension, 1, i -> checksum += b.dl4jBatch1().getDouble(0));
      report("DL4J output(), batch 256", b.dimension, 256,
          i -> checksum += b.dl4jBatch256().getDouble(0));
      report("plain Java Autoencoder", b.dimension, 1, i -> checksum += b.plainJava()[0]);
      report("NeuralScorer.score", b.dimension, 1,
          i -> checksum += b.neuralScorer().isPresent() ? 1 : 0);
    }
    System.err.println("(checksum " + checksum + ")");
  }

  private static void report(String name, int dimension, int vectorsPerCall, IntConsumer call) {
    run(call, WARMUP_NANOS);
    long[] calls = new long[1];
    long cpu = run(call, MEASURE_NANOS, calls);
    double perVector = (double) cpu / (calls[0] * vectorsPerCall);
    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f M |%n", name, dimension, perVector,
        1e3 / perVector);
  }

  private static long run(IntConsumer call, long cpuBudget) {
    return run(call, cpuBudget, new long[1]);
  }

  /** Calls in rounds of 64 until {@code cpuBudget} CPU nanoseconds are used; returns them. */
  private static long run(IntConsumer call, long cpuBudget, long[] calls) {
    long start = THREADS.getCurrentThreadCpuTime();
    long used = 0;
    while (used < cpuBudget) {
      for (int i = 0; i < 64; i++) {
        call.accept(i);
      }
      calls[0] += 64;
      used = THREADS.getCurrentThreadCpuTime() - start;
    }
    return used;
  }
}

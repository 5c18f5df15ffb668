package io.watchfloor.node.metrics;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The node's per-stage latency histograms and host passivation count, reachable from the actor
 * system so each stage records where it happens, on its own thread, without a message: capture
 * (window delivery), host entities (analysis), repositories (Cassandra writes), alert delivery.
 */
public final class StageLatencies implements Extension {
  private static final Id ID = new Id();

  /** From capture sending a host window to the host entity's report that it applied it. */
  public final LatencyHistogram windowDelivery = new LatencyHistogram();
  /** One host window judged by the host's analyzer (detectors, baseline, neural scorer). */
  public final LatencyHistogram hostAnalysis = new LatencyHistogram();
  /** A Cassandra write of anomalies or of a host snapshot, until every row is written. */
  public final LatencyHistogram cassandraWrite = new LatencyHistogram();
  /** One anomaly through the alert router: labels, routing tree, grouping, due notifications queued. */
  public final LatencyHistogram alertRouting = new LatencyHistogram();
  /** One notification through one receiver integration, until it is delivered or fails. */
  public final LatencyHistogram alertDelivery = new LatencyHistogram();

  private final LongAdder passivated = new LongAdder();

  private StageLatencies() {}

  public static StageLatencies get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  public void hostPassivated() {
    passivated.increment();
  }

  /** Starts {@code work} and records its time until it completes (either way) in {@code stage}. */
  public static <T> CompletionStage<T> timed(LatencyHistogram stage, Supplier<CompletionStage<T>> work) {
    long start = System.nanoTime();
    return work.get().whenComplete((ok, failure) -> stage.recordSince(start));
  }

  void write(PrometheusText t) {
    t.family("watchfloor_stage_latency_seconds", "histogram",
        "Latency per pipeline stage: window_delivery (capture to host report), host_analysis (one window),"
            + " cassandra_write (anomalies or snapshot), alert_routing (one anomaly through the router),"
            + " alert_delivery (one notification).");
    histogram(t, "window_delivery", windowDelivery);
    histogram(t, "host_analysis", hostAnalysis);
    histogram(t, "cassandra_write", cassandraWrite);
    histogram(t, "alert_routing", alertRouting);
    histogram(t, "alert_delivery", alertDelivery);
    t.family("watchfloor_hosts_passivated_total", "counter",
        "Host entities passivated (state saved, entity stopped) on this node.").sample(passivated.sum());
  }

  private static void histogram(PrometheusText t, String stage, LatencyHistogram h) {
    long[] counts = h.cumulative();
    for (int i = 0; i < LatencyHistogram.BOUNDS_SECONDS.length; i++) {
      Map<String, String> labels = PrometheusText.label("stage", stage);
      labels.put("le", java.math.BigDecimal.valueOf(LatencyHistogram.BOUNDS_SECONDS[i]).toPlainString());
      t.sample("_bucket", labels, counts[i]);
    }
    Map<String, String> inf = PrometheusText.label("stage", stage);
    inf.put("le", "+Inf");
    t.sample("_bucket", inf, counts[counts.length - 1]);
    t.sample("_sum", PrometheusText.label("stage", stage), h.sumSeconds());
    t.sample("_count", PrometheusText.label("stage", stage), counts[counts.length - 1]);
  }

  private static final class Id extends ExtensionId<StageLatencies> {
    @Override
    public StageLatencies createExtension(ActorSystem<?> system) {
      return new StageLatencies();
    }
  }
}

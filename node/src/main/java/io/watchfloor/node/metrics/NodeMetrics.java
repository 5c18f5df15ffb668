package io.watchfloor.node.metrics;

import static io.watchfloor.node.metrics.PrometheusText.label;

import io.watchfloor.node.alert.AlertStats;
import io.watchfloor.protocol.api.SegmentStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Everything {@code /metrics} shows, gathered at scrape time from the parts of the node that own
 * the numbers (segment entities, the host shard region, the alert dispatcher, the Cassandra driver,
 * the JVM). Names start with {@code watchfloor_}; counters end in {@code _total}.
 */
public final class NodeMetrics {
  private static final String SEGMENT = "segment";

  private final Supplier<CompletionStage<List<SegmentStatus>>> segments;
  private final Supplier<CompletionStage<Integer>> activeHosts;
  private final Supplier<CompletionStage<AlertStats>> alerts;
  private final AnomalyCounter anomalies;
  private final CassandraTimings cassandra;
  private final StageLatencies latencies;

  public NodeMetrics(
      Supplier<CompletionStage<List<SegmentStatus>>> segments,
      Supplier<CompletionStage<Integer>> activeHosts,
      Supplier<CompletionStage<AlertStats>> alerts,
      AnomalyCounter anomalies,
      CassandraTimings cassandra) {
    this(segments, activeHosts, alerts, anomalies, cassandra, null);
  }

  /** @param latencies the node's stage histograms, or null for none */
  public NodeMetrics(
      Supplier<CompletionStage<List<SegmentStatus>>> segments,
      Supplier<CompletionStage<Integer>> activeHosts,
      Supplier<CompletionStage<AlertStats>> alerts,
      AnomalyCounter anomalies,
      CassandraTimings cassandra,
      StageLatencies latencies) {
    this.latencies = latencies;
    this.segments = segments;
    this.activeHosts = activeHosts;
    this.alerts = alerts;
    this.anomalies = anomalies;
    this.cassandra = cassandra;
  }

  /** The exposition text. */
  public CompletionStage<String> render() {
    CompletableFuture<List<SegmentStatus>> s = segments.get().toCompletableFuture();
    CompletableFuture<Integer> h = activeHosts.get().toCompletableFuture();
    CompletableFuture<AlertStats> a = alerts.get().toCompletableFuture();
    return CompletableFuture.allOf(s, h, a).thenApply(done -> {
      PrometheusText t = new PrometheusText();
      segments(t, s.join());
      t.family("watchfloor_hosts_active", "gauge", "Host entities running on this node.").sample(h.join());
      anomalies(t);
      alerts(t, a.join());
      cassandra.write(t);
      if (latencies != null) {
        latencies.write(t);
      }
      jvm(t);
      return t.toString();
    });
  }

  private static void segments(PrometheusText t, List<SegmentStatus> list) {
    counter(t, list, "watchfloor_packets_total", "Packets captured per segment.", SegmentStatus::packets);
    counter(t, list, "watchfloor_bytes_total", "Bytes captured per segment.", SegmentStatus::bytes);
    counter(t, list, "watchfloor_malformed_packets_total", "Packets the decoder classified as malformed.",
        SegmentStatus::malformed);
    counter(t, list, "watchfloor_drops_total",
        "Packets (NetFlow: datagrams) the kernel dropped because capture fell behind (live, NetFlow).",
        SegmentStatus::kernelDrops);
    counter(t, list, "watchfloor_netflow_decode_errors_total", "NetFlow/IPFIX datagrams that did not decode.",
        SegmentStatus::decodeErrors);
    counter(t, list, "watchfloor_flows_total", "Flows built per segment.", SegmentStatus::flows);
    counter(t, list, "watchfloor_host_windows_total", "Host windows acknowledged by host entities.",
        SegmentStatus::windowsDelivered);
    t.family("watchfloor_segment_running", "gauge", "1 while a segment captures, else 0.");
    for (SegmentStatus s : list) {
      t.sample(label(SEGMENT, s.segment()), "RUNNING".equals(s.state()) ? 1 : 0);
    }
  }

  private static void counter(PrometheusText t, List<SegmentStatus> list, String name, String help,
      java.util.function.ToLongFunction<SegmentStatus> value) {
    t.family(name, "counter", help);
    for (SegmentStatus s : list) {
      t.sample(label(SEGMENT, s.segment()), value.applyAsLong(s));
    }
  }

  private void anomalies(PrometheusText t) {
    t.family("watchfloor_anomalies_total", "counter", "Anomalies raised, per detector (rule.name) and severity.");
    for (Map.Entry<String, Long> e : anomalies.snapshot().entrySet()) {
      String[] parts = e.getKey().split("\\|", 2);
      Map<String, String> labels = label("detector", parts[0]);
      labels.put("severity", parts[1]);
      t.sample(labels, e.getValue());
    }
  }

  private static void alerts(PrometheusText t, AlertStats a) {
    t.family("watchfloor_alert_deliveries_total", "counter", "Alerts delivered, per channel.")
        .sample(label("channel", "jsonl"), a.linesWritten())
        .sample(label("channel", "webhook"), a.webhookDelivered());
    t.family("watchfloor_alert_delivery_failures_total", "counter", "Failed alert delivery attempts, per channel.")
        .sample(label("channel", "jsonl"), a.lineFailures())
        .sample(label("channel", "webhook"), a.webhookFailures());
    t.family("watchfloor_alerts_pending", "gauge", "Alerts waiting for delivery.").sample(a.pending());
  }

  private static void jvm(PrometheusText t) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    t.family("watchfloor_jvm_heap_used_bytes", "gauge", "JVM heap in use.").sample(heap.getUsed());
    t.family("watchfloor_jvm_heap_max_bytes", "gauge", "JVM heap limit.").sample(heap.getMax());
  }
}

package io.watchfloor.node.cli;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.alert.AlertStats;
import io.watchfloor.node.capture.CaptureSpec;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.api.SegmentStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One capture file through a running node, start to end: starts the segment, shows progress, waits
 * until every window is acknowledged and every alert delivered, then reports. Shared by analyze and
 * demo.
 */
final class AnalysisRun {
  private static final long POLL_MILLIS = 200;
  private static final long ALERT_SETTLE_MILLIS = 30_000;

  /** What the run found; {@code inputError} is set when the file was cut short or unusable. */
  record Outcome(SegmentStatus status, List<Anomaly> anomalies, double seconds, String inputError, boolean failed) {}

  private AnalysisRun() {}

  static Outcome run(WatchfloorNode node, Path pcap, AnomalyCollector collector, PrintStream progressOut)
      throws Exception {
    long started = System.nanoTime();
    String segment = "file:" + pcap.getFileName();
    node.startCaptureAndWait(CaptureSpec.ofFile(segment, pcap.toAbsolutePath().toString()));
    ProgressPrinter progress = new ProgressPrinter(progressOut);
    SegmentStatus status;
    while (true) {
      status = node.segmentStatus(segment).toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (status.finished()) {
        break;
      }
      progress.update(status);
      Thread.sleep(POLL_MILLIS);
    }
    progress.done();
    awaitAlerts(node, status.anomalies(), collector);
    double seconds = (System.nanoTime() - started) / 1e9;
    boolean failed = "FAILED".equals(status.state());
    return new Outcome(status, collector.anomalies(), seconds, status.error(), failed);
  }

  /** Anomalies are stored before they are published; wait until the alert side has them all. */
  private static void awaitAlerts(WatchfloorNode node, long expected, AnomalyCollector collector) throws Exception {
    long deadline = System.currentTimeMillis() + ALERT_SETTLE_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      AlertStats stats = node.alertStats().toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (stats.received() >= expected && stats.pending() == 0 && collector.anomalies().size() >= expected) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "alerts were stored in Cassandra but not all were delivered within " + ALERT_SETTLE_MILLIS / 1000 + " s");
  }
}

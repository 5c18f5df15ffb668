package io.watchfloor.node.metrics;

import io.watchfloor.protocol.alert.Anomaly;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Counts the anomalies published on this node's topic, per detector and severity. Thread-safe reads. */
public final class AnomalyCounter {
  private final Map<String, LongAdder> byDetectorAndSeverity = new ConcurrentHashMap<>();

  /** A subscriber behaviour that counts what it receives. */
  public Behavior<Anomaly> behavior() {
    return Behaviors.receiveMessage(a -> {
      byDetectorAndSeverity
          .computeIfAbsent(a.detector() + "|" + a.severity().name().toLowerCase(java.util.Locale.ROOT),
              k -> new LongAdder())
          .increment();
      return Behaviors.same();
    });
  }

  /** "detector|severity" → count, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    byDetectorAndSeverity.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}

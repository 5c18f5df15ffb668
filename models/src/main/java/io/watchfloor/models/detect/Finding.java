package io.watchfloor.models.detect;

import io.watchfloor.protocol.alert.Severity;
import java.util.Map;

/**
 * What one detector concluded about one host window, before it becomes an {@code Anomaly}.
 *
 * @param detector the detector id (ECS rule.name)
 * @param category ECS rule.category
 * @param score detector-specific strength, 1.0 = exactly at the threshold
 */
public record Finding(
    String detector,
    String category,
    Severity severity,
    double score,
    String destinationIp,
    Integer destinationPort,
    String transport,
    String summary,
    Map<String, String> evidence) {

  public Finding {
    evidence = Map.copyOf(evidence);
  }
}

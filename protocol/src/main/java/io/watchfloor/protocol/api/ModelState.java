package io.watchfloor.protocol.api;

import io.watchfloor.protocol.CborSerializable;
import java.util.List;

/**
 * Where a host's models stand (part of {@code GET /api/v1/hosts/{ip}}).
 *
 * @param baselineWindows windows the baseline has learned
 * @param baselineWarm whether the baseline has enough windows to flag deviations
 * @param baselineWarmupWindows windows the baseline needs to be warm
 * @param neural the {@code neural_anomaly} scorer, or null when that detector is off
 * @param suppressions detectors analysts marked as false positives on this host, still in force
 * @param confirmedDetectors detectors whose later anomalies are raised a severity level (true positives)
 */
public record ModelState(
    long baselineWindows,
    boolean baselineWarm,
    long baselineWarmupWindows,
    NeuralState neural,
    List<Suppression> suppressions,
    List<String> confirmedDetectors)
    implements CborSerializable {

  public ModelState {
    suppressions = List.copyOf(suppressions);
    confirmedDetectors = List.copyOf(confirmedDetectors);
  }

  /**
   * @param training "grace" (collecting its first windows, no model), "site_model" (scoring with the
   *     site's model, no training of its own yet) or "trained"
   * @param graceWindowsRemaining windows still to collect before the first training
   * @param threshold reconstruction error above which a window is anomalous, or null without a model
   * @param windowsLearned windows the scorer has learned
   * @param trainings trainings on the host's own windows
   */
  public record NeuralState(
      String training, long graceWindowsRemaining, Double threshold, long windowsLearned, int trainings)
      implements CborSerializable {}

  /**
   * @param detector the suppressed detector
   * @param peer the peer it is suppressed towards, or "*" for every peer
   * @param untilMillis capture time until which it stays suppressed
   */
  public record Suppression(String detector, String peer, long untilMillis) implements CborSerializable {}
}

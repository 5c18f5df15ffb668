package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.score.NeuralSettings;
import java.time.Duration;

/**
 * {@code watchfloor.models.neural} as the {@code neural_anomaly} detector uses it: the scorer's
 * settings, the error ratio that alerts and the quiet period after an alert.
 *
 * @param alertRatio reconstruction error, in multiples of the host's own threshold, that alerts
 * @param realertAfter quiet period per host after an alert (capture time)
 * @param minChangeShare share of a feature's minimum excess by which one of the worst-reconstructed
 *     features must differ from the host's usual at this hour for an alert (0: not required)
 */
public record NeuralDetectorSettings(
    NeuralSettings scorer, double alertRatio, Duration realertAfter, double minChangeShare) {

  /** @param models {@code watchfloor.models} */
  public static NeuralDetectorSettings create(Config models) {
    Config c = models.getConfig("neural");
    return new NeuralDetectorSettings(
        NeuralSettings.create(models), c.getDouble("alert-ratio"), c.getDuration("realert-after"),
        c.getDouble("min-change-share"));
  }
}

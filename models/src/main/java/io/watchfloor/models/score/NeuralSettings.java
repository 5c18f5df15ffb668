package io.watchfloor.models.score;

import com.typesafe.config.Config;
import io.watchfloor.models.SettingRanges;
import java.util.List;

/**
 * {@code watchfloor.models.neural}: shape of the per-host autoencoder, when it trains, and where its
 * alert threshold lies.
 *
 * @param layers encoder layer sizes after the input (the last is the code); the decoder mirrors them
 * @param graceWindows a host's own normal windows collected before its first training; also the
 *     weight, in windows, of a site model's statistics in a host that starts from it
 * @param bufferWindows most recent normal windows kept for (re)training
 * @param retrainEvery normal windows learned between two fine-tunings once trained
 * @param epochs passes over the buffer at the first training
 * @param fineTuneEpochs passes over the buffer at each later fine-tuning
 * @param batchSize training mini-batch size
 * @param learningRate Adam learning rate
 * @param minFeatureSd floor of a feature's standard deviation on the log1p scale, so a feature that
 *     never changed does not divide by zero
 * @param normalizerMemory windows after which the running mean and variance of features and errors
 *     forget at rate 1/memory instead of averaging everything seen
 * @param tailProbability probability, under the log-normal fitted to the host's reconstruction
 *     errors, of a normal window's error exceeding the threshold
 * @param minLogErrorSd floor of the standard deviation of log(error), so a very regular host does
 *     not get a threshold right at its usual error
 * @param seed seed of weight initialisation and batch shuffling (training is deterministic)
 */
public record NeuralSettings(
    List<Integer> layers,
    int graceWindows,
    int bufferWindows,
    int retrainEvery,
    int epochs,
    int fineTuneEpochs,
    int batchSize,
    double learningRate,
    double minFeatureSd,
    int normalizerMemory,
    double tailProbability,
    double minLogErrorSd,
    long seed) {

  private static final String PREFIX = "watchfloor.models.neural.";
  private static final SettingRanges CHECK = new SettingRanges(PREFIX);

  public NeuralSettings {
    layers = List.copyOf(layers);
    if (layers.isEmpty() || layers.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException(PREFIX + "layers must be positive sizes, was " + layers);
    }
    CHECK.atLeast("grace-windows", graceWindows, 1);
    CHECK.atLeast("buffer-windows", bufferWindows, 1);
    CHECK.atLeast("retrain-every", retrainEvery, 1);
    CHECK.atLeast("epochs", epochs, 1);
    CHECK.atLeast("fine-tune-epochs", fineTuneEpochs, 1);
    CHECK.atLeast("batch-size", batchSize, 1);
    CHECK.atLeast("normalizer-memory", normalizerMemory, 1);
    if (bufferWindows < graceWindows) {
      throw new IllegalArgumentException(PREFIX + "buffer-windows (" + bufferWindows
          + ") must be at least grace-windows (" + graceWindows + ")");
    }
    CHECK.positive("learning-rate", learningRate);
    CHECK.positive("min-feature-sd", minFeatureSd);
    CHECK.between("tail-probability", tailProbability, 0, 0.5);
    if (!(minLogErrorSd >= 0)) {
      throw new IllegalArgumentException(
          PREFIX + "min-log-error-sd must not be negative, was " + minLogErrorSd);
    }
  }

  /** @param models the {@code watchfloor.models} block */
  public static NeuralSettings create(Config models) {
    Config c = models.getConfig("neural");
    return new NeuralSettings(
        c.getIntList("layers"),
        c.getInt("grace-windows"),
        c.getInt("buffer-windows"),
        c.getInt("retrain-every"),
        c.getInt("epochs"),
        c.getInt("fine-tune-epochs"),
        c.getInt("batch-size"),
        c.getDouble("learning-rate"),
        c.getDouble("min-feature-sd"),
        c.getInt("normalizer-memory"),
        c.getDouble("tail-probability"),
        c.getDouble("min-log-error-sd"),
        c.getLong("seed"));
  }
}

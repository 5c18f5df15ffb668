package io.watchfloor.models.score;

import java.util.ArrayList;
import java.util.List;

/**
 * One (re)training of a host's autoencoder, detached from its {@link NeuralScorer}: a copy of the
 * normalised training windows and the starting weights. {@link #run()} is the blocking DL4J part and
 * may run on any thread (a dedicated dispatcher); {@link NeuralScorer#install} then takes the result
 * on the scorer's own thread. A job runs once.
 */
public final class TrainingJob {

  private static final int HOLDOUT_EVERY = 5;
  private static final int MIN_ROWS_FOR_HOLDOUT = 20;

  private final NeuralSettings settings;
  private final double[][] rows;
  private final Autoencoder start;
  private final int epochs;
  private final int windowsSinceTraining;
  private Autoencoder model;
  private RunningMoments logErrors;

  TrainingJob(NeuralSettings settings, double[][] rows, Autoencoder start, int epochs,
      int windowsSinceTraining) {
    this.settings = settings;
    this.rows = rows;
    this.start = start;
    this.epochs = epochs;
    this.windowsSinceTraining = windowsSinceTraining;
  }

  /**
   * Trains (blocking, a fraction of a second to seconds) and fits the error distribution of the
   * result. With at least {@value #MIN_ROWS_FOR_HOLDOUT} rows, every {@value #HOLDOUT_EVERY}th row
   * is held out of training and the errors are fitted on those alone: errors of training rows are
   * optimistic and would put the threshold too low.
   */
  public synchronized TrainingJob run() {
    if (model != null) {
      throw new IllegalStateException("this training job has already run");
    }
    boolean holdout = rows.length >= MIN_ROWS_FOR_HOLDOUT;
    List<double[]> training = new ArrayList<>();
    List<double[]> held = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      (holdout && r % HOLDOUT_EVERY == HOLDOUT_EVERY - 1 ? held : training).add(rows[r]);
    }
    Autoencoder trained =
        AutoencoderTrainer.train(training.toArray(double[][]::new), start, settings, epochs);
    logErrors = logErrorsOf(trained, holdout ? held : training);
    model = trained;
    return this;
  }

  private static RunningMoments logErrorsOf(Autoencoder model, List<double[]> rows) {
    float[][] scratch = model.newScratch();
    RunningMoments moments = new RunningMoments(1);
    double[] one = new double[1];
    for (double[] row : rows) {
      one[0] = ErrorThreshold.logOf(model.error(row, scratch, null));
      moments.add(one, Integer.MAX_VALUE);
    }
    return moments;
  }

  synchronized boolean isDone() {
    return model != null;
  }

  synchronized Autoencoder model() {
    return model;
  }

  synchronized RunningMoments logErrors() {
    return logErrors;
  }

  int windowsSinceTraining() {
    return windowsSinceTraining;
  }
}

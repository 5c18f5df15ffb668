package io.watchfloor.models.score;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One host's neural scorer: an autoencoder of the host's window feature vectors whose
 * reconstruction error says how unlike itself a window is.
 *
 * <p>Lifecycle. A host starts either with nothing (no score until it has learned {@code
 * grace-windows} of its own windows) or from its site's {@link SiteModel} (scores at once with the
 * site's network, normaliser and threshold). Once it has learned {@code grace-windows} windows it
 * trains on them (starting from the site's weights when it has them); afterwards it fine-tunes on its
 * most recent {@code buffer-windows} normal windows every {@code retrain-every} learned windows. The
 * caller decides what is normal: it calls {@link #learn} only for windows it did not flag. The
 * threshold is the upper {@code tail-probability} quantile of a log-normal fitted to the host's own
 * reconstruction errors, refitted at each training and updated by every learned window. The
 * first training of a host that started from its site pools its fit with the error statistics the
 * host had (the site's, plus its own windows scored on the site model) rather than replacing them,
 * so its threshold does not fall to a fit of one hour's held-out windows; those earlier errors fade
 * as the host learns its own windows.
 *
 * <p>Training is the only slow part; {@link #learn} never trains. When it returns true, take a
 * {@link #trainingJob()}, {@link TrainingJob#run() run} it where blocking is allowed, and {@link
 * #install} it back ({@link #trainNow()} does the three in place). Scoring is plain Java: well under a
 * microsecond per window.
 *
 * <p>Not thread-safe: one instance per host, confined to the host's actor. {@link #toBytes()} and
 * {@link #fromBytes} carry the whole state (weights, normaliser, error statistics, counters, the
 * training buffer) for a snapshot.
 */
public final class NeuralScorer {

  private static final int MAGIC = 0x57464e53; // "WFNS"
  private static final int VERSION = 1;
  private static final int FIRST_BUFFER_ROWS = 16;

  private final NeuralSettings settings;
  private final ErrorThreshold thresholds;
  private final int dimension;
  private final FeatureNormalizer normalizer;
  /**
   * The training buffer, a ring of {@code buffer-windows} rows once full. It starts at
   * {@value #FIRST_BUFFER_ROWS} rows and doubles as windows are learned, so a young host (the many
   * a node holds after a start) does not carry the full array of references (2 KiB at 512 windows).
   */
  private float[][] buffer;
  private int buffered;
  private int next;
  private long learned;
  private int sinceTraining;
  private int trainings;
  private Autoencoder model;
  private float[][] scratch;
  private RunningMoments logErrors;
  private final double[] normalised;
  private final double[] oneValue = new double[1];

  /** A host with no model yet: it scores once it has learned {@code grace-windows} windows. */
  public NeuralScorer(NeuralSettings settings, int dimension) {
    this(settings, dimension, new FeatureNormalizer(dimension, settings.minFeatureSd()));
  }

  private NeuralScorer(NeuralSettings settings, int dimension, FeatureNormalizer normalizer) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
    }
    this.settings = settings;
    this.thresholds = new ErrorThreshold(settings.tailProbability(), settings.minLogErrorSd());
    this.dimension = dimension;
    this.normalizer = normalizer;
    this.buffer = new float[Math.min(settings.bufferWindows(), FIRST_BUFFER_ROWS)][];
    this.normalised = new double[dimension];
  }

  /**
   * A new host starting from its site's model: it scores at once, and the site's statistics weigh
   * as {@code grace-windows} windows of its own, so its own windows soon dominate.
   */
  public static NeuralScorer fromSite(NeuralSettings settings, SiteModel site) {
    NeuralScorer s = new NeuralScorer(settings, site.dimension(),
        site.normalizer().copyWithCountAtMost(settings.graceWindows(), settings.minFeatureSd()));
    s.use(site.model(), site.logErrors().copyWithCountAtMost(settings.graceWindows()));
    return s;
  }

  public int dimension() {
    return dimension;
  }

  /** True once the scorer has a model (its own, or its site's). */
  public boolean isReady() {
    return model != null;
  }

  /** Windows learned since the scorer was created (including those before a snapshot). */
  public long learnedWindows() {
    return learned;
  }

  /** Windows still to collect before the first training; 0 once trained. */
  public long graceWindowsRemaining() {
    return trainings == 0 ? Math.max(0, settings.graceWindows() - buffered) : 0;
  }

  /** The reconstruction error above which a window is anomalous; empty without a model. */
  public java.util.OptionalDouble threshold() {
    return model == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(thresholds.threshold(logErrors));
  }

  /** Trainings on this host's own windows so far. */
  public int trainings() {
    return trainings;
  }

  /**
   * Scores one window's feature vector; empty while the scorer has no model.
   *
   * @throws IllegalArgumentException when the vector has the wrong dimension or a non-finite value
   */
  public Optional<NeuralScore> score(double[] vector) {
    FeatureVectors.requireValid(vector, dimension);
    if (model == null) {
      return Optional.empty();
    }
    normalizer.normalize(vector, normalised);
    double[] featureErrors = new double[dimension];
    double error = model.error(normalised, scratch, featureErrors);
    return Optional.of(new NeuralScore(error, thresholds.threshold(logErrors), featureErrors));
  }

  /**
   * Learns a window the caller judged normal: it joins the training buffer, the feature statistics
   * and the error statistics. Never trains.
   *
   * @return true when a training is due (see {@link #trainingJob()})
   * @throws IllegalArgumentException when the vector has the wrong dimension or a non-finite value
   */
  public boolean learn(double[] vector) {
    FeatureVectors.requireValid(vector, dimension);
    normalizer.update(vector, settings.normalizerMemory(), normalised);
    float[] row = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      row[i] = (float) vector[i];
    }
    remember(row);
    learned++;
    sinceTraining++;
    if (model != null) {
      normalizer.normalize(vector, normalised);
      oneValue[0] = ErrorThreshold.logOf(model.error(normalised, scratch, null));
      logErrors.add(oneValue, settings.normalizerMemory());
    }
    return isTrainingDue();
  }

  /** True when the grace period is over and the first training has not happened, or a fine-tuning is due. */
  public boolean isTrainingDue() {
    return trainings == 0 ? buffered >= settings.graceWindows() : sinceTraining >= settings.retrainEvery();
  }

  /**
   * A training of the buffered windows, detached from this scorer: the first one runs {@code epochs}
   * passes (from the site's weights when the host started from them), later ones {@code
   * fine-tune-epochs} passes from the current weights.
   */
  public TrainingJob trainingJob() {
    if (buffered == 0) {
      throw new IllegalStateException("no windows learned yet: nothing to train on");
    }
    double[][] rows = new double[buffered][dimension];
    double[] raw = new double[dimension];
    for (int r = 0; r < buffered; r++) {
      float[] row = buffer[(next - buffered + r + buffer.length) % buffer.length];
      for (int i = 0; i < dimension; i++) {
        raw[i] = row[i];
      }
      normalizer.normalize(raw, rows[r]);
    }
    int epochs = trainings == 0 ? settings.epochs() : settings.fineTuneEpochs();
    return new TrainingJob(settings, rows, model, epochs, sinceTraining);
  }

  /** Takes the result of a job of this scorer that has run. */
  public void install(TrainingJob job) {
    if (!job.isDone()) {
      throw new IllegalStateException("the training job has not run yet");
    }
    if (job.model().dimension() != dimension) {
      throw new IllegalArgumentException("a training job of dimension " + job.model().dimension()
          + " cannot be installed in a scorer of dimension " + dimension);
    }
    RunningMoments fitted = job.logErrors();
    if (trainings == 0 && logErrors != null) {
      // The first own training of a host that started from its site (only such a host has error
      // statistics before it): the fit to the few held-out windows of its first hour would replace
      // what the site's errors and the host's windows scored on the site model said, often with a
      // much lower threshold. Pool the two instead, each weighing as its count: the earlier errors
      // hold the threshold up at first and fade as the host's own windows are learned (at rate
      // 1/count), and the next training refits from the host's own windows alone.
      fitted = logErrors.pooledWith(fitted);
    }
    use(job.model(), fitted.copyWithCountAtMost(settings.normalizerMemory()));
    trainings++;
    sinceTraining = Math.max(0, sinceTraining - job.windowsSinceTraining());
  }

  /** Trains in place, blocking: {@code install(trainingJob().run())}. */
  public void trainNow() {
    install(trainingJob().run());
  }

  private void use(Autoencoder newModel, RunningMoments newLogErrors) {
    model = newModel;
    scratch = newModel.newScratch();
    logErrors = newLogErrors;
  }

  private void remember(float[] row) {
    if (buffered == buffer.length && buffer.length < settings.bufferWindows()) {
      // Full but never overwritten: the rows are in order from index 0 (next has just come round to
      // 0), so the larger ring continues after the last of them.
      buffer = Arrays.copyOf(buffer, Math.min(settings.bufferWindows(), buffer.length * 2));
      next = buffered;
    }
    buffer[next] = row;
    next = (next + 1) % buffer.length;
    buffered = Math.min(buffered + 1, buffer.length);
  }

  /** The whole state, versioned, for a snapshot; {@link #fromBytes} reads it back. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dimension);
      out.writeLong(learned);
      out.writeInt(sinceTraining);
      out.writeInt(trainings);
      normalizer.write(out);
      out.writeBoolean(model != null);
      if (model != null) {
        model.write(out);
        logErrors.write(out);
      }
      out.writeInt(buffered);
      for (int r = 0; r < buffered; r++) {
        for (float v : buffer[(next - buffered + r + buffer.length) % buffer.length]) {
          out.writeFloat(v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A scorer from {@link #toBytes()}. Settings come from the configuration in force; a smaller
   * {@code buffer-windows} keeps the newest windows.
   *
   * @throws IllegalArgumentException when the bytes are not a scorer state of a known version
   */
  public static NeuralScorer fromBytes(NeuralSettings settings, byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(
            "not a neural scorer state (magic " + Integer.toHexString(magic) + ")");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "neural scorer state version " + version + "; this version reads " + VERSION);
      }
      int dimension = in.readInt();
      if (dimension < 1 || dimension > 1 << 16) {
        throw new IllegalArgumentException("neural scorer state of dimension " + dimension);
      }
      long learned = in.readLong();
      int sinceTraining = in.readInt();
      int trainings = in.readInt();
      NeuralScorer s = new NeuralScorer(settings, dimension,
          FeatureNormalizer.read(in, dimension, settings.minFeatureSd()));
      s.learned = learned;
      s.sinceTraining = sinceTraining;
      s.trainings = trainings;
      if (in.readBoolean()) {
        Autoencoder model = Autoencoder.read(in, dimension);
        s.use(model, RunningMoments.read(in, 1));
      }
      int rows = in.readInt();
      if (rows < 0 || (long) rows * dimension * Float.BYTES > in.available()) {
        throw new IllegalArgumentException("truncated neural scorer state: it claims " + rows
            + " buffered windows of " + dimension + " features, " + in.available() + " bytes remain");
      }
      for (int r = 0; r < rows; r++) {
        float[] row = new float[dimension];
        for (int i = 0; i < dimension; i++) {
          row[i] = in.readFloat();
        }
        s.remember(row);
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(
            "neural scorer state has " + in.available() + " unexpected trailing bytes");
      }
      return s;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated neural scorer state", e);
    }
  }
}

package io.watchfloor.models.score;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A site-wide autoencoder trained on windows pooled from many hosts, so a new host scores from its
 * first window and its own training starts from weights that already know what hosts of this site
 * look like ({@link NeuralScorer#fromSite}). Immutable.
 */
public final class SiteModel {

  private static final int MAGIC = 0x57465349; // "WFSI"
  private static final int VERSION = 1;

  private final Autoencoder model;
  private final FeatureNormalizer normalizer;
  private final RunningMoments logErrors;

  private SiteModel(Autoencoder model, FeatureNormalizer normalizer, RunningMoments logErrors) {
    this.model = model;
    this.normalizer = normalizer;
    this.logErrors = logErrors;
  }

  /**
   * Trains on pooled normal windows ({@code epochs} passes; blocking).
   *
   * @throws IllegalArgumentException when there are no windows, or one has another dimension than
   *     the first or a non-finite value
   */
  public static SiteModel train(NeuralSettings settings, List<double[]> windows) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a site model needs at least one window");
    }
    int dimension = windows.get(0).length;
    FeatureNormalizer normalizer = new FeatureNormalizer(dimension, settings.minFeatureSd());
    double[] scratch = new double[dimension];
    for (double[] w : windows) {
      FeatureVectors.requireValid(w, dimension);
      normalizer.update(w, Integer.MAX_VALUE, scratch);
    }
    double[][] rows = new double[windows.size()][dimension];
    for (int r = 0; r < rows.length; r++) {
      normalizer.normalize(windows.get(r), rows[r]);
    }
    TrainingJob job = new TrainingJob(settings, rows, null, settings.epochs(), 0).run();
    return new SiteModel(job.model(), normalizer, job.logErrors());
  }

  public int dimension() {
    return model.dimension();
  }

  /** Windows the model was trained on. */
  public long windows() {
    return (long) normalizer.count();
  }

  Autoencoder model() {
    return model;
  }

  FeatureNormalizer normalizer() {
    return normalizer;
  }

  RunningMoments logErrors() {
    return logErrors;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dimension());
      normalizer.write(out);
      model.write(out);
      logErrors.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** @throws IllegalArgumentException when the bytes are not a site model of a known version */
  public static SiteModel fromBytes(NeuralSettings settings, byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a site model");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "site model version " + version + "; this version reads " + VERSION);
      }
      int dimension = in.readInt();
      if (dimension < 1 || dimension > 1 << 16) {
        throw new IllegalArgumentException("site model of dimension " + dimension);
      }
      FeatureNormalizer normalizer = FeatureNormalizer.read(in, dimension, settings.minFeatureSd());
      Autoencoder model = Autoencoder.read(in, dimension);
      RunningMoments logErrors = RunningMoments.read(in, 1);
      if (in.available() > 0) {
        throw new IllegalArgumentException("site model has unexpected trailing bytes");
      }
      return new SiteModel(model, normalizer, logErrors);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated site model", e);
    }
  }
}

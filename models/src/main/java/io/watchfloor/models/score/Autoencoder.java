package io.watchfloor.models.score;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Trained autoencoder weights and their inference in plain Java: dense layers, leaky ReLU on every
 * hidden layer, identity on the output, as {@link AutoencoderTrainer} builds them in DL4J. A DL4J
 * call costs ~100 µs at batch 1 (native dispatch, INDArray allocation); this loop scores a small
 * vector in tens of nanoseconds, without allocating. Immutable; {@link #newScratch()} gives the
 * per-thread working memory.
 */
public final class Autoencoder {

  /** DL4J's default leaky ReLU slope. */
  static final float LEAKY_SLOPE = 0.01f;

  private final int[] sizes;
  /** Layer l's weights, input-major: weight from input i to unit j at {@code i * out + j}. */
  private final float[][] weights;
  private final float[][] biases;

  Autoencoder(int[] sizes, float[][] weights, float[][] biases) {
    if (sizes.length < 3 || sizes[0] != sizes[sizes.length - 1]) {
      throw new IllegalArgumentException("not an autoencoder shape: " + Arrays.toString(sizes));
    }
    for (int l = 0; l < sizes.length - 1; l++) {
      if (weights[l].length != sizes[l] * sizes[l + 1] || biases[l].length != sizes[l + 1]) {
        throw new IllegalArgumentException("layer " + l + " does not match the shape "
            + Arrays.toString(sizes));
      }
    }
    this.sizes = sizes.clone();
    this.weights = weights;
    this.biases = biases;
  }

  /** Input (and output) dimension. */
  public int dimension() {
    return sizes[0];
  }

  /** Layer sizes from input to output, e.g. [9, 16, 4, 16, 9]. */
  public int[] sizes() {
    return sizes.clone();
  }

  int layers() {
    return sizes.length - 1;
  }

  float[] weights(int layer) {
    return weights[layer];
  }

  float[] biases(int layer) {
    return biases[layer];
  }

  /** Working memory of {@link #reconstruct} and {@link #error}: one array per layer. */
  public float[][] newScratch() {
    float[][] s = new float[sizes.length][];
    for (int l = 0; l < sizes.length; l++) {
      s[l] = new float[sizes[l]];
    }
    return s;
  }

  /**
   * Runs the network on a normalised input; the result is {@code scratch[scratch.length - 1]}
   * (valid until the next call with the same scratch).
   */
  public float[] reconstruct(double[] normalised, float[][] scratch) {
    float[] in = scratch[0];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) normalised[i];
    }
    int last = layers() - 1;
    for (int l = 0; l <= last; l++) {
      dense(scratch[l], weights[l], biases[l], scratch[l + 1], l < last);
    }
    return scratch[scratch.length - 1];
  }

  private static void dense(float[] in, float[] w, float[] b, float[] out, boolean leaky) {
    int n = out.length;
    System.arraycopy(b, 0, out, 0, n);
    for (int i = 0; i < in.length; i++) {
      float x = in[i];
      int row = i * n;
      for (int j = 0; j < n; j++) {
        out[j] += x * w[row + j];
      }
    }
    if (leaky) {
      for (int j = 0; j < n; j++) {
        float v = out[j];
        out[j] = v >= 0 ? v : v * LEAKY_SLOPE;
      }
    }
  }

  /**
   * Mean squared reconstruction error of a normalised input; when {@code featureErrors} is not null
   * it receives each feature's squared error.
   */
  public double error(double[] normalised, float[][] scratch, double[] featureErrors) {
    float[] out = reconstruct(normalised, scratch);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      double d = normalised[i] - out[i];
      double e = d * d;
      if (featureErrors != null) {
        featureErrors[i] = e;
      }
      sum += e;
    }
    return sum / out.length;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(sizes.length);
    for (int s : sizes) {
      out.writeInt(s);
    }
    for (int l = 0; l < layers(); l++) {
      writeFloats(out, weights[l]);
      writeFloats(out, biases[l]);
    }
  }

  static Autoencoder read(DataInput in, int expectedDimension) throws IOException {
    int n = in.readInt();
    if (n < 3 || n > 64) {
      throw new IllegalArgumentException("autoencoder with " + n + " layer sizes");
    }
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = in.readInt();
      if (sizes[i] < 1 || sizes[i] > 1 << 16) {
        throw new IllegalArgumentException("autoencoder layer of size " + sizes[i]);
      }
    }
    if (sizes[0] != expectedDimension) {
      throw new IllegalArgumentException(
          "autoencoder of dimension " + sizes[0] + " where " + expectedDimension + " was expected");
    }
    float[][] w = new float[n - 1][];
    float[][] b = new float[n - 1][];
    for (int l = 0; l < n - 1; l++) {
      w[l] = readFloats(in, sizes[l] * sizes[l + 1]);
      b[l] = readFloats(in, sizes[l + 1]);
    }
    return new Autoencoder(sizes, w, b);
  }

  private static void writeFloats(DataOutput out, float[] values) throws IOException {
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInput in, int n) throws IOException {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}

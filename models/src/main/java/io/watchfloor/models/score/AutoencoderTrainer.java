package io.watchfloor.models.score;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Trains an {@link Autoencoder} with DL4J: builds the network (dense layers, leaky ReLU, identity
 * output, MSE loss, Adam), optionally starts it from given weights (fine-tuning, or a host starting
 * from its site's model), fits mini-batches of normalised rows and copies the weights back out into
 * plain arrays. Blocking and CPU-bound (run it where blocking is allowed); one OpenMP thread, since
 * small networks lose more to thread hand-offs than they gain.
 */
public final class AutoencoderTrainer {

  private static final String WEIGHTS = "W";
  private static final String BIASES = "b";

  static {
    // One thread in libnd4j's own pool (this also loads the backend), and OMP_NUM_THREADS=1.
    Nd4j.getEnvironment().setMaxThreads(1);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
  }

  private AutoencoderTrainer() {}

  /** Layer sizes from input to output: {@code dimension, layers..., mirrored, dimension}. */
  static int[] shape(int dimension, List<Integer> layers) {
    int n = layers.size();
    int[] sizes = new int[2 * n + 1];
    sizes[0] = dimension;
    sizes[2 * n] = dimension;
    for (int i = 0; i < n; i++) {
      sizes[i + 1] = layers.get(i);
      sizes[2 * n - 1 - i] = layers.get(i);
    }
    return sizes;
  }

  /**
   * Fits {@code epochs} passes over the normalised {@code rows} (shuffled per epoch with the
   * settings' seed) and returns the trained weights.
   *
   * @param start weights to start from, or null for a fresh initialisation; ignored when its shape
   *     is not the settings' shape
   */
  public static Autoencoder train(double[][] rows, Autoencoder start, NeuralSettings settings,
      int epochs) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("nothing to train on");
    }
    int dimension = rows[0].length;
    int[] sizes = shape(dimension, settings.layers());
    MultiLayerNetwork net = newNetwork(sizes, settings);
    if (start != null && Arrays.equals(start.sizes(), sizes)) {
      copyInto(start, net);
    }
    Random random = new Random(settings.seed());
    int[] order = new int[rows.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int batch = Math.min(settings.batchSize(), rows.length);
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      for (int from = 0; from < rows.length; from += batch) {
        int n = Math.min(batch, rows.length - from);
        float[][] x = new float[n][dimension];
        for (int r = 0; r < n; r++) {
          double[] row = rows[order[from + r]];
          for (int c = 0; c < dimension; c++) {
            x[r][c] = (float) row[c];
          }
        }
        INDArray features = Nd4j.create(x);
        net.fit(features, features);
      }
    }
    return fromNetwork(net);
  }

  /** A DL4J network holding these weights (for comparisons and benchmarks of DL4J inference). */
  public static MultiLayerNetwork toNetwork(Autoencoder autoencoder, NeuralSettings settings) {
    MultiLayerNetwork net = newNetwork(autoencoder.sizes(), settings);
    copyInto(autoencoder, net);
    return net;
  }

  private static MultiLayerNetwork newNetwork(int[] sizes, NeuralSettings settings) {
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(settings.seed())
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(new Adam(settings.learningRate()))
            .list();
    int last = sizes.length - 2;
    for (int l = 0; l < last; l++) {
      list.layer(new DenseLayer.Builder().nIn(sizes[l]).nOut(sizes[l + 1])
          .activation(Activation.LEAKYRELU).build());
    }
    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(sizes[last])
        .nOut(sizes[last + 1]).activation(Activation.IDENTITY).build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }

  private static void copyInto(Autoencoder autoencoder, MultiLayerNetwork net) {
    int[] sizes = autoencoder.sizes();
    for (int l = 0; l < autoencoder.layers(); l++) {
      INDArray w = Nd4j.create(autoencoder.weights(l), new long[] {sizes[l], sizes[l + 1]}, 'c');
      net.getLayer(l).getParam(WEIGHTS).assign(w);
      net.getLayer(l).getParam(BIASES).assign(
          Nd4j.create(autoencoder.biases(l), new long[] {1, sizes[l + 1]}, 'c'));
    }
  }

  private static Autoencoder fromNetwork(MultiLayerNetwork net) {
    int layers = net.getnLayers();
    int[] sizes = new int[layers + 1];
    float[][] weights = new float[layers][];
    float[][] biases = new float[layers][];
    for (int l = 0; l < layers; l++) {
      float[][] w = net.getLayer(l).getParam(WEIGHTS).toFloatMatrix();
      int in = w.length;
      int out = w[0].length;
      sizes[l] = in;
      sizes[l + 1] = out;
      weights[l] = new float[in * out];
      for (int i = 0; i < in; i++) {
        System.arraycopy(w[i], 0, weights[l], i * out, out);
      }
      biases[l] = net.getLayer(l).getParam(BIASES).toFloatVector();
    }
    return new Autoencoder(sizes, weights, biases);
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

package io.watchfloor.models.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AutoencoderTest {

  private static final NeuralSettings SETTINGS =
      TestSettings.withNetwork(List.of(24, 8, 3), 20);

  @Test
  void shouldReconstructExactlyAsDl4jDoes() {
    Random random = new Random(1);
    double[][] rows = gaussianRows(random, 400, 12);
    Autoencoder autoencoder = AutoencoderTrainer.train(rows, null, SETTINGS, 20);
    MultiLayerNetwork net = AutoencoderTrainer.toNetwork(autoencoder, SETTINGS);
    float[][] scratch = autoencoder.newScratch();

    double[][] inputs = gaussianRows(random, 64, 12);
    INDArray dl4j = net.output(Nd4j.create(toFloats(inputs)));

    for (int r = 0; r < inputs.length; r++) {
      float[] plain = autoencoder.reconstruct(inputs[r], scratch);
      for (int c = 0; c < plain.length; c++) {
        assertThat((double) plain[c]).isCloseTo(dl4j.getDouble(r, c), within(1e-5));
      }
    }
  }

  @Test
  void shouldMirrorTheEncoderLayersInTheShape() {
    assertThat(AutoencoderTrainer.shape(9, List.of(16, 4))).containsExactly(9, 16, 4, 16, 9);
    assertThat(AutoencoderTrainer.shape(122, List.of(32))).containsExactly(122, 32, 122);
  }

  @Test
  void shouldContinueFromGivenWeights() {
    Random random = new Random(2);
    double[][] rows = gaussianRows(random, 200, 6);
    NeuralSettings small = TestSettings.withNetwork(List.of(4, 2), 1);
    Autoencoder start = AutoencoderTrainer.train(rows, null, small, 30);

    Autoencoder continued = AutoencoderTrainer.train(rows, start, small, 1);
    Autoencoder fresh = AutoencoderTrainer.train(rows, null, small, 1);

    assertThat(meanError(continued, rows)).isLessThan(meanError(fresh, rows));
  }

  private static double meanError(Autoencoder a, double[][] rows) {
    float[][] scratch = a.newScratch();
    double sum = 0;
    for (double[] row : rows) {
      sum += a.error(row, scratch, null);
    }
    return sum / rows.length;
  }

  private static double[][] gaussianRows(Random random, int n, int d) {
    double[][] rows = new double[n][d];
    for (double[] row : rows) {
      double common = random.nextGaussian();
      for (int i = 0; i < d; i++) {
        row[i] = common * (i % 3 - 1) + 0.3 * random.nextGaussian();
      }
    }
    return rows;
  }

  private static float[][] toFloats(double[][] rows) {
    float[][] f = new float[rows.length][rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < rows[r].length; c++) {
        f[r][c] = (float) rows[r][c];
      }
    }
    return f;
  }
}

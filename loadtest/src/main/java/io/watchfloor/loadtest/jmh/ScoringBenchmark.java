package io.watchfloor.loadtest.jmh;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.score.Autoencoder;
import io.watchfloor.models.score.AutoencoderTrainer;
import io.watchfloor.models.score.NeuralScorer;
import io.watchfloor.models.score.NeuralSettings;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of scoring one host vector with the autoencoder of reference.conf's {@code
 * watchfloor.models.neural.layers}, one thread: DL4J {@code output()} at batch 1 and at batch 256
 * (score per vector), the plain-Java {@link Autoencoder} on the same weights, and the whole {@link
 * NeuralScorer#score} (input check, log1p normalisation, per-feature errors, the result object). One
 * operation = one vector; vectors/s per core = 10^9 / score.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class ScoringBenchmark {

  private static final int BATCH = 256;

  /** Features per host vector: today's 9 host features, and a wider vector (NSL-KDD's 72). */
  @Param({"9", "72"})
  public int dimension;

  private Autoencoder autoencoder;
  private float[][] scratch;
  private MultiLayerNetwork network;
  private NeuralScorer scorer;
  private double[][] normalised;
  private double[][] raw;
  private INDArray[] singles;
  private INDArray batch;
  private int next;

  @Setup
  public void setUp() {
    NeuralSettings settings =
        NeuralSettings.create(ConfigFactory.load().getConfig("watchfloor.models"));
    Random random = new Random(1);
    raw = new double[BATCH][];
    for (int r = 0; r < BATCH; r++) {
      raw[r] = hostVector(random);
    }
    scorer = new NeuralScorer(settings, dimension);
    for (int i = 0; i < settings.graceWindows(); i++) {
      scorer.learn(hostVector(random));
    }
    scorer.trainNow();
    normalised = new double[BATCH][dimension];
    for (int r = 0; r < BATCH; r++) {
      for (int c = 0; c < dimension; c++) {
        normalised[r][c] = random.nextGaussian();
      }
    }
    autoencoder = AutoencoderTrainer.train(normalised, null, settings, 2);
    scratch = autoencoder.newScratch();
    network = AutoencoderTrainer.toNetwork(autoencoder, settings);
    float[][] rows = new float[BATCH][dimension];
    singles = new INDArray[BATCH];
    for (int r = 0; r < BATCH; r++) {
      for (int c = 0; c < dimension; c++) {
        rows[r][c] = (float) normalised[r][c];
      }
      singles[r] = Nd4j.create(new float[][] {rows[r]});
    }
    batch = Nd4j.create(rows);
  }

  private double[] hostVector(Random random) {
    double level = 200 * Math.exp(0.5 * random.nextGaussian());
    double[] v = new double[dimension];
    for (int c = 0; c < dimension; c++) {
      v[c] = Math.round(level * (1 + c % 5) * (1 + 0.1 * random.nextGaussian()));
    }
    return v;
  }

  @Benchmark
  public INDArray dl4jBatch1() {
    return network.output(singles[next++ & (BATCH - 1)]);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public INDArray dl4jBatch256() {
    return network.output(batch);
  }

  @Benchmark
  public float[] plainJava() {
    return autoencoder.reconstruct(normalised[next++ & (BATCH - 1)], scratch);
  }

  @Benchmark
  public Optional<?> neuralScorer() {
    return scorer.score(raw[next++ & (BATCH - 1)]);
  }
}

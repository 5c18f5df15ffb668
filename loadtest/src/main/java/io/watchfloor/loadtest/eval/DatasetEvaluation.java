package io.watchfloor.loadtest.eval;

import io.watchfloor.models.score.IsolationForest;
import io.watchfloor.models.score.IsolationForestSettings;
import io.watchfloor.models.score.NeuralScore;
import io.watchfloor.models.score.NeuralScorer;
import io.watchfloor.models.score.NeuralSettings;
import io.watchfloor.models.score.SiteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The evaluation procedure, the same for every data set: shuffle the normal rows with a fixed seed,
 * fit on a share of them (the autoencoder as a {@link SiteModel}, scored through a {@link
 * NeuralScorer} started from it; the isolation forest on the same rows after signed log1p), and
 * score the held-out normal rows and every attack row. Attack rows are never seen before the test.
 *
 * @param name data set name in the report
 * @param numeric indices of numeric columns
 * @param categorical indices of categorical columns (one-hot, vocabulary from training rows)
 * @param trainShare share of the normal rows used for fitting
 * @param seed seed of the split
 * @param neural autoencoder settings
 * @param forest isolation forest settings
 */
public record DatasetEvaluation(
    String name,
    List<Integer> numeric,
    List<Integer> categorical,
    double trainShare,
    long seed,
    NeuralSettings neural,
    IsolationForestSettings forest) {

  public EvaluationResult run(LabeledTable table) {
    List<String[]> normal = new ArrayList<>(table.normal());
    Collections.shuffle(normal, new Random(seed));
    int cut = (int) Math.round(normal.size() * trainShare);
    List<String[]> trainRows = normal.subList(0, cut);
    TabularEncoder encoder = new TabularEncoder(numeric, categorical, trainRows);
    int[] rejected = {table.skipped()};
    List<double[]> train = encoder.encodeAll(trainRows, rejected);
    List<double[]> testNormal = encoder.encodeAll(normal.subList(cut, normal.size()), rejected);
    List<double[]> testAttacks = encoder.encodeAll(table.attacks(), rejected);

    long t0 = System.nanoTime();
    NeuralScorer scorer = NeuralScorer.fromSite(neural, SiteModel.train(neural, train));
    long t1 = System.nanoTime();
    double[] normalErrors = new double[testNormal.size()];
    double[] attackErrors = new double[testAttacks.size()];
    double threshold = 0;
    for (int i = 0; i < normalErrors.length; i++) {
      NeuralScore s = scorer.score(testNormal.get(i)).orElseThrow();
      normalErrors[i] = s.error();
      threshold = s.threshold();
    }
    for (int i = 0; i < attackErrors.length; i++) {
      attackErrors[i] = scorer.score(testAttacks.get(i)).orElseThrow().error();
    }

    long t2 = System.nanoTime();
    IsolationForest isolation =
        IsolationForest.fit(squashed(train).toArray(double[][]::new), forest);
    long t3 = System.nanoTime();
    double[] normalForest = squashed(testNormal).stream().mapToDouble(isolation::score).toArray();
    double[] attackForest = squashed(testAttacks).stream().mapToDouble(isolation::score).toArray();

    return new EvaluationResult(name, encoder.dimension(), train.size(), testNormal.size(),
        testAttacks.size(), rejected[0],
        RocAuc.of(normalErrors, attackErrors), RocAuc.of(normalForest, attackForest),
        shareAbove(attackErrors, threshold), shareAbove(normalErrors, threshold),
        shareAbove(attackErrors, percentile99(normalErrors)),
        (t1 - t0) / 1e9, (t3 - t2) / 1e9);
  }

  /** Signed log1p of every value: counts spanning orders of magnitude get usable split ranges. */
  private static List<double[]> squashed(List<double[]> rows) {
    List<double[]> out = new ArrayList<>(rows.size());
    for (double[] row : rows) {
      double[] s = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        s[i] = Math.signum(row[i]) * Math.log1p(Math.abs(row[i]));
      }
      out.add(s);
    }
    return out;
  }

  private static double percentile99(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
  }

  private static double shareAbove(double[] values, double threshold) {
    int n = 0;
    for (double v : values) {
      n += v > threshold ? 1 : 0;
    }
    return (double) n / values.length;
  }
}

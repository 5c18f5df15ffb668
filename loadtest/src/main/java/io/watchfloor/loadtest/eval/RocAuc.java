package io.watchfloor.loadtest.eval;

import java.util.Arrays;

/**
 * Area under the ROC curve of anomaly scores (higher = more anomalous), by ranks: the
 * Mann-Whitney U statistic over the number of (anomaly, normal) pairs, which is the probability that
 * a random anomaly scores above a random normal row. Tied scores share their average rank, so a tie
 * counts one half.
 */
public final class RocAuc {

  private RocAuc() {}

  /**
   * @throws IllegalArgumentException when either side is empty or a score is NaN
   */
  public static double of(double[] normalScores, double[] anomalyScores) {
    int n0 = normalScores.length;
    int n1 = anomalyScores.length;
    if (n0 == 0 || n1 == 0) {
      throw new IllegalArgumentException(
          "ROC-AUC needs normal and anomalous scores, had " + n0 + " and " + n1);
    }
    double[][] all = new double[n0 + n1][];
    for (int i = 0; i < n0; i++) {
      all[i] = new double[] {checked(normalScores[i]), 0};
    }
    for (int i = 0; i < n1; i++) {
      all[n0 + i] = new double[] {checked(anomalyScores[i]), 1};
    }
    Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
    double anomalyRankSum = 0;
    for (int i = 0; i < all.length; ) {
      int j = i;
      while (j < all.length && all[j][0] == all[i][0]) {
        j++;
      }
      double averageRank = (i + 1 + j) / 2.0; // ranks i+1 .. j
      for (int k = i; k < j; k++) {
        anomalyRankSum += all[k][1] * averageRank;
      }
      i = j;
    }
    return (anomalyRankSum - n1 * (n1 + 1.0) / 2) / ((double) n0 * n1);
  }

  private static double checked(double score) {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("a score is NaN");
    }
    return score;
  }
}

package io.watchfloor.models.score;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Isolation forest (Liu, Ting and Zhou, ICDM 2008): random axis-parallel splits isolate an unusual
 * point in fewer steps than an ordinary one. Each tree grows on a random subsample (without
 * replacement) up to the height of an average unsuccessful binary-search-tree search; the score is
 * {@code 2^(-E[h(x)] / c(n))} in [0, 1], where values near 1 are anomalies and values well below 0.5
 * are normal. Needs no normalisation (splits are per feature). Immutable and deterministic for a
 * seed; scoring is thread-safe.
 */
public final class IsolationForest {

  private static final double EULER_GAMMA = 0.5772156649015329;

  private final int dimension;
  private final double averagePath;
  private final Tree[] trees;

  private IsolationForest(int dimension, double averagePath, Tree[] trees) {
    this.dimension = dimension;
    this.averagePath = averagePath;
    this.trees = trees;
  }

  /**
   * Grows the forest on {@code rows}.
   *
   * @throws IllegalArgumentException when there are fewer than two rows, or a row has another
   *     dimension than the first or a non-finite value
   */
  public static IsolationForest fit(double[][] rows, IsolationForestSettings settings) {
    if (rows.length < 2) {
      throw new IllegalArgumentException(
          "an isolation forest needs at least 2 rows, was given " + rows.length);
    }
    int dimension = rows[0].length;
    for (double[] row : rows) {
      FeatureVectors.requireValid(row, dimension);
    }
    int sample = Math.min(settings.subsample(), rows.length);
    int heightLimit = (int) Math.ceil(Math.log(sample) / Math.log(2));
    SplittableRandom random = new SplittableRandom(settings.seed());
    int[] all = new int[rows.length];
    Arrays.setAll(all, i -> i);
    Tree[] trees = new Tree[settings.trees()];
    for (int t = 0; t < trees.length; t++) {
      // Partial Fisher-Yates: the first `sample` entries become a sample without replacement.
      for (int i = 0; i < sample; i++) {
        int j = i + random.nextInt(all.length - i);
        int swap = all[i];
        all[i] = all[j];
        all[j] = swap;
      }
      trees[t] = new Tree(rows, Arrays.copyOf(all, sample), heightLimit, random);
    }
    return new IsolationForest(dimension, averagePathLength(sample), trees);
  }

  public int dimension() {
    return dimension;
  }

  /**
   * Anomaly score of one vector in [0, 1].
   *
   * @throws IllegalArgumentException when the vector has the wrong dimension or a non-finite value
   */
  public double score(double[] vector) {
    FeatureVectors.requireValid(vector, dimension);
    double total = 0;
    for (Tree tree : trees) {
      total += tree.pathLength(vector);
    }
    return Math.pow(2, -(total / trees.length) / averagePath);
  }

  /** c(n): the average path length of an unsuccessful search in a binary search tree of n keys. */
  static double averagePathLength(int n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    return 2 * (Math.log(n - 1) + EULER_GAMMA) - 2.0 * (n - 1) / n;
  }

  /** One isolation tree in flat arrays; a node with feature -1 is a leaf holding {@code size} rows. */
  private static final class Tree {
    private int[] feature = new int[16];
    private double[] split = new double[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private int[] size = new int[16];
    private int nodes;

    Tree(double[][] rows, int[] sample, int heightLimit, SplittableRandom random) {
      int dimension = rows[0].length;
      int[] features = new int[dimension];
      Arrays.setAll(features, i -> i);
      grow(rows, sample, 0, sample.length, 0, heightLimit, random, features);
    }

    private int grow(double[][] rows, int[] idx, int from, int to, int depth, int heightLimit,
        SplittableRandom random, int[] features) {
      int node = newNode();
      size[node] = to - from;
      feature[node] = -1;
      if (depth >= heightLimit || to - from <= 1) {
        return node;
      }
      // Random feature among those that still vary in this node; a leaf when none does.
      for (int k = features.length; k > 0; k--) {
        int pick = random.nextInt(k);
        int f = features[pick];
        features[pick] = features[k - 1];
        features[k - 1] = f;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          double v = rows[idx[i]][f];
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        if (max > min) {
          double s = min + random.nextDouble() * (max - min);
          int mid = partition(rows, idx, from, to, f, s);
          feature[node] = f;
          split[node] = s;
          int l = grow(rows, idx, from, mid, depth + 1, heightLimit, random, features);
          left[node] = l;
          int r = grow(rows, idx, mid, to, depth + 1, heightLimit, random, features);
          right[node] = r;
          return node;
        }
      }
      return node;
    }

    /** Moves rows with value below {@code s} first; returns where the others start. */
    private static int partition(double[][] rows, int[] idx, int from, int to, int f, double s) {
      int mid = from;
      for (int i = from; i < to; i++) {
        if (rows[idx[i]][f] < s) {
          int swap = idx[i];
          idx[i] = idx[mid];
          idx[mid] = swap;
          mid++;
        }
      }
      return mid;
    }

    private int newNode() {
      if (nodes == feature.length) {
        int n = nodes * 2;
        feature = Arrays.copyOf(feature, n);
        split = Arrays.copyOf(split, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        size = Arrays.copyOf(size, n);
      }
      return nodes++;
    }

    double pathLength(double[] x) {
      int node = 0;
      int depth = 0;
      while (feature[node] >= 0) {
        node = x[feature[node]] < split[node] ? left[node] : right[node];
        depth++;
      }
      return depth + averagePathLength(size[node]);
    }
  }
}

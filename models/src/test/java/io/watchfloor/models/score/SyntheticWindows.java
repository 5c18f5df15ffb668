package io.watchfloor.models.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Host-window feature vectors in HostFeature's order (packets in/out, bytes in/out, connections
 * out/in, failed connections out, distinct peers, distinct ports out) for a host with a given
 * activity level: the counts move together, as a real host's do.
 */
final class SyntheticWindows {

  static final int DIMENSION = 9;

  private SyntheticWindows() {}

  static double[] normal(Random random, double level) {
    double rate = level * Math.exp(0.4 * random.nextGaussian());
    double packetsIn = rate * (1 + 0.05 * random.nextGaussian());
    double packetsOut = 0.8 * rate * (1 + 0.05 * random.nextGaussian());
    return new double[] {
      Math.round(packetsIn),
      Math.round(packetsOut),
      Math.round(packetsIn * 900 * (1 + 0.1 * random.nextGaussian())),
      Math.round(packetsOut * 150 * (1 + 0.1 * random.nextGaussian())),
      Math.round(rate / 20),
      Math.round(rate / 60),
      random.nextInt(2),
      Math.round(rate / 40) + random.nextInt(2),
      2 + random.nextInt(2)
    };
  }

  /** A normal window of the same host, but scanning: many failed connections to many ports. */
  static double[] scanning(Random random, double level) {
    double[] w = normal(random, level);
    w[4] += 400;
    w[6] += 380;
    w[8] += 350;
    return w;
  }

  /** A normal window of the same host, but sending far more bytes per packet than it receives. */
  static double[] exfiltrating(Random random, double level) {
    double[] w = normal(random, level);
    w[3] = w[1] * 1400;
    return w;
  }

  static List<double[]> normals(long seed, double level, int n) {
    Random random = new Random(seed);
    List<double[]> windows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      windows.add(normal(random, level));
    }
    return windows;
  }
}

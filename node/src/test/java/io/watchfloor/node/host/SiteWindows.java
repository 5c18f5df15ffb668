package io.watchfloor.node.host;

import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.protocol.host.HostWindow;
import java.util.Random;

/** Ordinary client windows, and their neural inputs as host entities offer them. */
final class SiteWindows {
  static final long T0 = 1_700_000_000_000L;

  private SiteWindows() {}

  /** A client: ~40 packets each way, 3 connections, 2 peers. */
  static HostWindow usual(String host, int i, Random r) {
    int p = 40 + r.nextInt(6);
    return new HostWindow("local", "s", host, T0 + i * 10_000L, 10_000, p, p, p * 900L, p * 120L,
        3, 0, 0, 2, 2, 0, null);
  }

  /** The neural input of window {@code i} of a host analyzed from scratch. */
  static double[] input(ModelSettings models, String host, int i, Random r) {
    HostAnalyzer analyzer = models.newHostAnalyzer();
    analyzer.analyze(usual(host, i, r), 0);
    return analyzer.lastNeuralInput().orElseThrow();
  }
}

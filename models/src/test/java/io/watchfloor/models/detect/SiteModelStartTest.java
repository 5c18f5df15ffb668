package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A new host scores with its site's model during its grace period instead of not at all. */
class SiteModelStartTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final ModelSettings SETTINGS = ModelSettings.create(ConfigFactory.parseString("""
          watchfloor.models.neural { grace-windows = 60, epochs = 60 }
          watchfloor.models.detectors.baseline-deviation.enabled = off
          """).withFallback(ConfigFactory.load()));

  @Test
  void shouldFlagAnOddFirstWindowOfANewHostWithTheSiteModel() {
    SiteModel site = siteOfTenClients();
    HostAnalyzer newcomer = SETTINGS.newHostAnalyzer();
    HostAnalyzer withoutSite = SETTINGS.newHostAnalyzer();

    assertThat(newcomer.startFromSite(site)).isTrue();
    List<Anomaly> first = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 5; i++) {
      first.addAll(newcomer.analyze(usual("10.0.9.9", i, r), T0));
    }
    List<Anomaly> odd = newcomer.analyze(odd("10.0.9.9", 5), T0);

    assertThat(first).isEmpty();
    assertThat(odd).extracting(Anomaly::detector).contains("neural_anomaly");
    assertThat(withoutSite.analyze(odd("10.0.9.9", 0), T0)).isEmpty();
  }

  @Test
  void shouldNotReplaceAHostsOwnHistoryWithTheSiteModel() {
    SiteModel site = siteOfTenClients();
    HostAnalyzer known = SETTINGS.newHostAnalyzer();
    known.analyze(usual("10.0.9.8", 0, new Random(4)), T0);

    assertThat(known.startFromSite(site)).isFalse();
  }

  /** Ten clients' windows pooled as a node would: each host's own neural input. */
  private static SiteModel siteOfTenClients() {
    List<double[]> pooled = new ArrayList<>();
    Random r = new Random(2);
    for (int h = 0; h < 10; h++) {
      for (int i = 0; i < 60; i++) {
        HostAnalyzer a = SETTINGS.newHostAnalyzer(); // each window against an empty contact memory
        a.analyze(usual("10.0.1." + h, i, r), 0);
        pooled.add(a.lastNeuralInput().orElseThrow());
      }
    }
    return SiteModel.train(SETTINGS.neural().orElseThrow().scorer(), pooled);
  }

  /** A client: ~40 packets each way, 3 connections, 2 peers. */
  private static HostWindow usual(String host, int i, Random r) {
    int p = 40 + r.nextInt(6);
    return new HostWindow("local", "s", host, T0 + i * 10_000L, 10_000, p, p, p * 900L, p * 120L,
        3, 0, 0, 2, 2, 0, null);
  }

  /** The same host opening 60 connections to 45 peers with tiny packets. */
  private static HostWindow odd(String host, int i) {
    return new HostWindow("local", "s", host, T0 + i * 10_000L, 10_000, 40, 200, 40 * 900L, 200 * 60L,
        60, 0, 0, 45, 12, 0, null);
  }
}

package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.host.HostWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The neural_anomaly detector inside a host analyzer: a host with a steady rhythm trains its
 * autoencoder after its grace period, then a window unlike its own is flagged and explained by
 * the features reconstructed worst; the trained scorer survives a snapshot.
 */
class NeuralAnomalyTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final ModelSettings SETTINGS = ModelSettings.create(ConfigFactory.parseString("""
          watchfloor.models.neural { grace-windows = 60, epochs = 60, retrain-every = 1000 }
          watchfloor.models.detectors.baseline-deviation.enabled = off
          """).withFallback(ConfigFactory.load()));

  @Test
  void shouldFlagAWindowUnlikeTheHostsOwnAndExplainIt() {
    HostAnalyzer analyzer = SETTINGS.newHostAnalyzer();
    Random random = new Random(5);
    List<Anomaly> early = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      early.addAll(analyzer.analyze(usual(i, random), T0));
    }

    List<Anomaly> odd = analyzer.analyze(odd(100), T0);

    assertThat(early).isEmpty();
    assertThat(odd).extracting(Anomaly::detector).contains("neural_anomaly");
    Anomaly a = odd.stream().filter(x -> x.detector().equals("neural_anomaly")).findFirst().orElseThrow();
    assertThat(a.explanation().summary()).contains("does not behave like itself");
    assertThat(a.explanation().evidence()).containsKeys("reconstruction_error", "threshold", "error_ratio")
        .containsKey("feature.connections_out");
  }

  @Test
  void shouldKeepTheTrainedScorerAcrossASnapshot() {
    HostAnalyzer analyzer = SETTINGS.newHostAnalyzer();
    Random random = new Random(6);
    for (int i = 0; i < 100; i++) {
      analyzer.analyze(usual(i, random), T0);
    }
    HostAnalyzer restored = SETTINGS.newHostAnalyzer();
    restored.restore(analyzer.snapshot());

    assertThat(restored.analyze(odd(100), T0)).extracting(Anomaly::detector).contains("neural_anomaly");
    assertThat(restored.baseline().windows()).isEqualTo(100);
  }

  private static final ModelSettings WITHOUT_MATERIAL_CHANGE = ModelSettings.create(ConfigFactory.parseString("""
          watchfloor.models.neural { grace-windows = 60, epochs = 60, retrain-every = 1000, min-change-share = 0 }
          watchfloor.models.detectors.baseline-deviation.enabled = off
          """).withFallback(ConfigFactory.load()));

  @Test
  void shouldNotAlertOnAFirstFailedConnectionAlone() {
    HostWindow oneFailure = new HostWindow("local", "s", "10.0.0.7", T0 + 100 * 10_000L, 10_000, 42, 42,
        42 * 900L, 42 * 120L, 3, 0, 1, 2, 2, 0, null);

    // the autoencoder alone flags it (a feature that never moved moves) ...
    assertThat(trained(WITHOUT_MATERIAL_CHANGE, 7).analyze(oneFailure, T0))
        .extracting(Anomaly::detector).contains("neural_anomaly");
    // ... but 1 failed connection is no material change (that takes 12.5: 0.25 of its minimum excess, 50)
    assertThat(trained(SETTINGS, 7).analyze(oneFailure, T0)).isEmpty();
  }

  @Test
  void shouldNotAlertOnANearEmptyWindowOfABusyHost() {
    HostWindow onePacket = new HostWindow("local", "s", "10.0.0.7", T0 + 100 * 10_000L, 10_000, 1, 0, 900, 0,
        0, 0, 0, 1, 0, 0, null, "", List.of(), 0, HostWindow.PacketShape.NONE, null);

    assertThat(trained(WITHOUT_MATERIAL_CHANGE, 8, true).analyze(onePacket, T0))
        .extracting(Anomaly::detector).contains("neural_anomaly");
    assertThat(trained(SETTINGS, 8, true).analyze(onePacket, T0)).isEmpty();
  }

  @Test
  void shouldNameTheMateriallyChangedFeatureAgainstItsUsualValue() {
    List<Anomaly> odd = trained(SETTINGS, 9).analyze(odd(100), T0);

    Anomaly a = odd.stream().filter(x -> x.detector().equals("neural_anomaly")).findFirst().orElseThrow();
    assertThat(a.explanation().evidence()).containsKeys("changed_feature", "changed_observed", "changed_usual");
  }

  private static HostAnalyzer trained(ModelSettings settings, int seed) {
    return trained(settings, seed, false);
  }

  private static HostAnalyzer trained(ModelSettings settings, int seed, boolean shaped) {
    HostAnalyzer analyzer = settings.newHostAnalyzer();
    Random random = new Random(seed);
    for (int i = 0; i < 100; i++) {
      HostWindow w = usual(i, random);
      if (shaped) {
        w = new HostWindow(w.site(), w.segment(), w.host(), w.windowStartMillis(), w.windowMillis(), w.packetsIn(),
            w.packetsOut(), w.bytesIn(), w.bytesOut(), w.connectionsOut(), w.connectionsIn(),
            w.failedConnectionsOut(), w.distinctPeers(), w.distinctPortsOut(), 0, null, "", List.of(), 0,
            new HostWindow.PacketShape(380 + random.nextInt(40), 120 + random.nextInt(20), 200 + random.nextInt(30)),
            null);
      }
      assertThat(analyzer.analyze(w, T0)).isEmpty();
    }
    return analyzer;
  }

  /** A client: ~40 packets each way, 3 connections, 2 peers, every window alike. */
  private static HostWindow usual(int i, Random r) {
    int p = 40 + r.nextInt(6);
    return new HostWindow("local", "s", "10.0.0.7", T0 + i * 10_000L, 10_000, p, p, p * 900L, p * 120L,
        3, 0, 0, 2, 2, 0, null);
  }

  /** The same host opening 60 connections to 45 peers with tiny packets. */
  private static HostWindow odd(int i) {
    return new HostWindow("local", "s", "10.0.0.7", T0 + i * 10_000L, 10_000, 40, 200, 40 * 900L, 200 * 60L,
        60, 0, 0, 45, 12, 0, null);
  }
}

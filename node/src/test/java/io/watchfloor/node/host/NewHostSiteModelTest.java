package io.watchfloor.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.node.NodeSettings;
import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.node.store.HostSnapshotRepository.HostSnapshot;
import io.watchfloor.node.store.SiteModelRepository.StoredSiteModel;
import io.watchfloor.node.testing.SharedCassandra;
import io.watchfloor.node.testing.TestNodes;
import io.watchfloor.protocol.api.HostState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real node: a host entity with no snapshot starts from the site model stored for its site;
 * one with a snapshot continues from its own state; a host trains its own scorer (on the training
 * dispatcher) once its grace period is over, with the result training in place would give.
 */
@ExtendWith(SharedCassandra.class)
class NewHostSiteModelTest {
  private static final Duration ASK = Duration.ofSeconds(20);
  private static final String KNOWN = "10.0.5.1";
  private static final String NEW = "10.0.5.2";
  private static final String GRACE_OVER = "10.0.5.3";

  private static SiteModel site;

  private static WatchfloorNode node;

  @BeforeAll
  static void start() throws Exception {
    Config config = TestNodes.config(SharedCassandra.freshKeyspace("newhost"), """
        watchfloor.http.enabled = off
        watchfloor.models.neural { epochs = 5, grace-windows = 20 }
        """);
    NodeSettings settings = NodeSettings.create(config);
    ModelSettings models = settings.models();
    try (CassandraStore store = CassandraStore.connect(settings.store())) {
      List<double[]> pooled = new ArrayList<>();
      Random r = new Random(1);
      for (int h = 0; h < 10; h++) {
        for (int i = 0; i < 30; i++) {
          pooled.add(SiteWindows.input(models, "10.0.1." + h, i, r));
        }
      }
      site = SiteModel.train(models.neural().orElseThrow().scorer(), pooled);
      store.siteModels().save("local", new StoredSiteModel(site.toBytes(), site.windows(), 10, Instant.now()))
          .toCompletableFuture().get();

      HostAnalyzer known = models.newHostAnalyzer();
      for (int i = 0; i < 3; i++) {
        known.analyze(SiteWindows.usual(KNOWN, i, r), 0);
      }
      store.snapshots().save("local", KNOWN,
              new HostSnapshot(3, 0, Instant.now(), known.snapshot(), Map.of()))
          .toCompletableFuture().get();
    }
    node = TestNodes.start(config);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static HostState stateAfterAWindow(String ip) throws Exception {
    var host = HostMonitor.refFor(node.system(), "local", ip);
    host.<HostMonitor.WindowApplied>askWithStatus(
            r -> new HostMonitor.ApplyWindow(SiteWindows.usual(ip, 10, new Random(2)), "run", r), ASK)
        .toCompletableFuture().get();
    return host.<HostState>ask(HostMonitor.GetState::new, ASK).toCompletableFuture().get();
  }

  @Test
  void shouldStartANewHostFromTheSiteModel() throws Exception {
    HostState s = stateAfterAWindow(NEW);

    assertThat(s.model().neural().training()).isEqualTo("site_model");
    assertThat(s.model().neural().threshold()).isNotNull();
  }

  @Test
  void shouldTrainAHostsOwnScorerOnceItsGracePeriodIsOver() throws Exception {
    ModelSettings models = node.settings().models();
    HostAnalyzer inPlace = models.newHostAnalyzer();
    assertThat(inPlace.startFromSite(site)).isTrue();
    var host = HostMonitor.refFor(node.system(), "local", GRACE_OVER);
    Random forNode = new Random(3);
    Random forInPlace = new Random(3);
    for (int i = 0; i < 25; i++) {
      var w = SiteWindows.usual(GRACE_OVER, i, forNode);
      host.<HostMonitor.WindowApplied>askWithStatus(r -> new HostMonitor.ApplyWindow(w, "run", r), ASK)
          .toCompletableFuture().get();
      inPlace.analyze(SiteWindows.usual(GRACE_OVER, i, forInPlace), 0);
    }
    HostState s = host.<HostState>ask(HostMonitor.GetState::new, ASK).toCompletableFuture().get();

    assertThat(s.model().neural().training()).isEqualTo("trained");
    assertThat(s.model().neural().trainings()).isEqualTo(1);
    assertThat(s.model().neural().windowsLearned()).isEqualTo(25);
    assertThat(s.model().neural().threshold()).isEqualTo(inPlace.modelState().neural().threshold());
  }

  @Test
  void shouldKeepAHostWithASnapshotOnItsOwnState() throws Exception {
    HostState s = stateAfterAWindow(KNOWN);

    assertThat(s.model().neural().training()).isEqualTo("grace");
    assertThat(s.model().neural().windowsLearned()).isEqualTo(4);
  }
}

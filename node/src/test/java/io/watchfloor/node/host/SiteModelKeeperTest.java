package io.watchfloor.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.node.store.SiteModelRepository.StoredSiteModel;
import io.watchfloor.node.store.StoreSettings;
import io.watchfloor.node.testing.SharedCassandra;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The keeper pools, trains, stores and reloads the site model, on a real Cassandra. */
@ExtendWith(SharedCassandra.class)
class SiteModelKeeperTest {
  private static Config config;
  private static ModelSettings models;
  private static SiteModelSettings settings;
  private static CassandraStore store;
  private static ActorTestKit kit;

  @BeforeAll
  static void start() {
    config = NodeConfig.load(ConfigFactory.parseString("""
        watchfloor.models.neural { epochs = 5, grace-windows = 20 }
        watchfloor.host.site-model { sample-every-windows = 1, min-windows = 20, min-hosts = 3,
          max-windows-per-host = 10, pool-size = 40 }
        """));
    models = ModelSettings.create(config);
    settings = SiteModelSettings.create(config);
    store = CassandraStore.connect(StoreSettings.create(config)
        .withContactPoints(List.of(SharedCassandra.contactPoint()))
        .withKeyspace(SharedCassandra.freshKeyspace("sitemodel")));
    kit = ActorTestKit.create(ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.actor.serialize-messages = on
        """).withFallback(config));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
    store.close();
  }

  private static ActorRef<SiteModelKeeper.Command> keeper(String site) {
    return kit.spawn(SiteModelKeeper.create(new SiteModelKeeper.Dependencies(
        site, settings, models.neural().orElseThrow().scorer(), store.siteModels(), trainedAt -> true)));
  }

  private static Optional<SiteModel> current(ActorRef<SiteModelKeeper.Command> keeper) {
    TestProbe<SiteModelKeeper.Current> probe = kit.createTestProbe();
    keeper.tell(new SiteModelKeeper.GetCurrent(probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10)).model();
  }

  private static Optional<SiteModel> awaitModel(ActorRef<SiteModelKeeper.Command> keeper) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<SiteModel> m = current(keeper);
      if (m.isPresent()) {
        return m;
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  /** Windows 0..n-1 of hosts 10.0.0.first .. 10.0.0.(first+hosts-1), interleaved. */
  private static void offer(ActorRef<SiteModelKeeper.Command> keeper, int first, int hosts, int n) {
    Random r = new Random(first);
    for (int i = 0; i < n; i++) {
      for (int h = first; h < first + hosts; h++) {
        String ip = "10.0.0." + h;
        keeper.tell(new SiteModelKeeper.Offer(ip, SiteWindows.input(models, ip, i, r)));
      }
    }
  }

  @Test
  void shouldTrainOnceEnoughHostsOfferedWindowsAndHandTheStoredModelToAFreshKeeper() throws Exception {
    ActorRef<SiteModelKeeper.Command> keeper = keeper("train");
    offer(keeper, 1, 2, 15);
    // 30 windows, but of 2 hosts (3 needed), and at most 10 of each pooled.
    assertThat(current(keeper)).isEmpty();

    offer(keeper, 3, 1, 10);
    SiteModel trained = awaitModel(keeper).orElseThrow();
    // Trained at the first window of the third host: 10 + 10 + 1.
    assertThat(trained.windows()).isEqualTo(21);
    assertThat(trained.dimension()).isEqualTo(SiteWindows.input(models, "10.0.0.9", 0, new Random()).length);

    StoredSiteModel stored = awaitStored("train");
    assertThat(stored.hosts()).isEqualTo(3);
    assertThat(stored.windows()).isEqualTo(21);
    assertThat(stored.model()).isEqualTo(trained.toBytes());

    SiteModel loaded = current(keeper("train")).orElseThrow();
    assertThat(loaded.toBytes()).isEqualTo(trained.toBytes());
  }

  private static StoredSiteModel awaitStored(String site) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Optional<StoredSiteModel> s = store.siteModels().load(site).toCompletableFuture().get();
      if (s.isPresent() || System.nanoTime() > deadline) {
        return s.orElseThrow();
      }
      Thread.sleep(50);
    }
  }

  @Test
  void shouldStartWithoutAModelWhenNoneIsStored() {
    assertThat(current(keeper("nothing-stored"))).isEmpty();
  }

  @Test
  void shouldStartWithoutAModelAndSayWhyWhenTheStoredBytesAreUnreadable() throws Exception {
    store.siteModels().save("garbled", new StoredSiteModel(new byte[] {1, 2, 3}, 20, 3, Instant.now()))
        .toCompletableFuture().get();
    Logger log = (Logger) LoggerFactory.getLogger(SiteModelKeeper.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    try {
      ActorRef<SiteModelKeeper.Command> keeper = keeper("garbled");
      assertThat(current(keeper)).isEmpty();
      assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.contains("garbled") && m.contains("unreadable") && m.contains("starting without one"));

      // Nothing crashed: the keeper pools and trains a model of its own, which replaces the bad row.
      offer(keeper, 20, 3, 7);
      assertThat(awaitModel(keeper)).isPresent();
      assertThat(SiteModel.fromBytes(models.neural().orElseThrow().scorer(), awaitReplaced("garbled")).windows())
          .isEqualTo(20);
    } finally {
      log.detachAppender(events);
    }
  }

  private static byte[] awaitReplaced(String site) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      byte[] bytes = store.siteModels().load(site).toCompletableFuture().get().orElseThrow().model();
      if (bytes.length > 3 || System.nanoTime() > deadline) {
        return bytes;
      }
      Thread.sleep(50);
    }
  }
}

package io.watchfloor.node;

import com.typesafe.config.Config;
import io.watchfloor.models.inspect.SignatureRules;
import io.watchfloor.node.alert.AlertDispatcher;
import io.watchfloor.node.alert.AlertRouter;
import io.watchfloor.node.alert.AlertStats;
import io.watchfloor.node.capture.CaptureSpec;
import io.watchfloor.node.capture.SegmentCapture;
import io.watchfloor.node.capture.SegmentPlacement;
import io.watchfloor.node.capture.SegmentStatuses;
import io.watchfloor.node.cassandra.CassandraLauncher;
import io.watchfloor.node.cassandra.LaunchResult;
import io.watchfloor.node.cassandra.LauncherSettings;
import io.watchfloor.node.cluster.ClusterConfig;
import io.watchfloor.node.cluster.ClusterManagement;
import io.watchfloor.node.evidence.EvidenceSettings;
import io.watchfloor.node.evidence.EvidenceStore;
import io.watchfloor.node.evidence.FileEvidence;
import io.watchfloor.node.evidence.NodeEvidence;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.node.http.AdminRoutes;
import io.watchfloor.node.http.AlertRoutes;
import io.watchfloor.node.http.AnomalyStreamRoute;
import io.watchfloor.node.http.ApiRoutes;
import io.watchfloor.node.http.ClusterRoutes;
import io.watchfloor.node.http.DashboardRoutes;
import io.watchfloor.node.http.FeedbackRoutes;
import io.watchfloor.node.http.HttpApi;
import io.watchfloor.node.http.MetricsRoute;
import io.watchfloor.node.http.OpenApiRoute;
import io.watchfloor.node.http.SegmentRoutes;
import io.watchfloor.node.http.TlsSettings;
import io.watchfloor.node.http.auth.AuthSettings;
import io.watchfloor.node.metrics.AnomalyCounter;
import io.watchfloor.node.metrics.CassandraTimings;
import io.watchfloor.node.metrics.NodeMetrics;
import io.watchfloor.node.metrics.StageLatencies;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.node.store.StoreSettings;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.api.SegmentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;

/**
 * A running Watchfloor node: Cassandra connected (the embedded server started if no contact points
 * are configured), the actor system with its sharded entities, and the HTTP API. Start-up blocks;
 * everything after it is asynchronous.
 */
public final class WatchfloorNode implements AutoCloseable {
  private static final Duration ASK = Duration.ofSeconds(10);
  /** Sharding rebalances every 10 s: a live segment reaches its node within a few rounds. */
  private static final Duration LIVE_PLACEMENT_TIMEOUT = Duration.ofSeconds(45);

  private final NodeSettings settings;
  private final CassandraStore store;
  private final ActorSystem<Void> system;
  private final Guardian.Started actors;
  private final ServerBinding binding;
  private final LaunchResult embedded;
  private final CassandraLauncher launcher;
  private final EvidenceStore evidence;
  private final Set<String> segments;
  private final Optional<String> generatedToken;

  private WatchfloorNode(
      NodeSettings settings,
      CassandraStore store,
      ActorSystem<Void> system,
      Guardian.Started actors,
      ServerBinding binding,
      LaunchResult embedded,
      CassandraLauncher launcher,
      EvidenceStore evidence,
      Set<String> segments,
      Optional<String> generatedToken) {
    this.settings = settings;
    this.store = store;
    this.system = system;
    this.actors = actors;
    this.binding = binding;
    this.embedded = embedded;
    this.launcher = launcher;
    this.evidence = evidence;
    this.segments = segments;
    this.generatedToken = generatedToken;
  }

  /** The admin token this node made at start because none was configured, if it did. */
  public Optional<String> generatedToken() {
    return generatedToken;
  }

  /** Edited signature rule files are picked up every 30 s, off the capture threads. */
  private static void reloadRulesPeriodically(ActorSystem<Void> system, SignatureRules rules) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignatureRules.class);
    system.scheduler().scheduleWithFixedDelay(Duration.ofSeconds(30), Duration.ofSeconds(30),
        () -> rules.reloadIfChanged().ifPresent(set -> {
          log.info("Signature rules reloaded: {} rules", set.rules().size());
          set.problems().forEach(p -> log.warn("Signature rules: {}", p));
        }),
        system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking()));
  }

  private static org.apache.pekko.http.javadsl.server.Route segmentRoutes(ActorSystem<?> system, Set<String> segments) {
    return new SegmentRoutes(() -> SegmentStatuses.askedOrHosted(system, segments)).route();
  }

  /** The alert routes live under {@code /api/v1}. */
  private static org.apache.pekko.http.javadsl.server.Route alertRoutes(AlertRoutes alerts) {
    return Directives.pathPrefix("api", () -> Directives.pathPrefix("v1", alerts::routes));
  }

  /** The metrics of this node: segments it started, its host shards, alerts, Cassandra, JVM. */
  private static NodeMetrics metrics(
      ActorSystem<Void> system, Guardian.Started actors, CassandraStore store, Set<String> segments) {
    AnomalyCounter counter = new AnomalyCounter();
    ActorRef<Anomaly> subscriber = system.systemActorOf(counter.behavior(), "anomaly-metrics", Props.empty());
    actors.anomalyTopic().tell(Topic.subscribe(subscriber));
    return new NodeMetrics(
        // the segments this node was asked to capture; unlike GET /api/v1/segments, not those that moved here
        () -> SegmentStatuses.ofEach(system, segments),
        () -> AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
                ClusterSharding.get(system).shardState(),
                r -> new GetShardRegionState(HostMonitor.TYPE_KEY, r), ASK, system.scheduler())
            .thenApply(state -> state.getShards().stream().mapToInt(sh -> sh.getEntityIds().size()).sum()),
        () -> AskPattern.ask(actors.alerts(), AlertDispatcher.GetStats::new, ASK, system.scheduler()),
        counter,
        new CassandraTimings(store.session()),
        StageLatencies.get(system));
  }

  /**
   * Starts a node.
   *
   * @param home the Watchfloor installation (finds the embedded Cassandra launcher and its data)
   * @param say one-line progress messages for the user
   */
  public static WatchfloorNode start(Config config, Path home, Consumer<String> say) {
    NodeSettings settings = NodeSettings.create(config);
    settings.models().detectors().threatIntel().ifPresent(intel -> {
      say.accept("Threat intelligence: " + intel.status().indicators() + " indicators loaded");
      intel.status().problems().forEach(p -> say.accept("Threat intelligence: skipped " + p));
    });
    SignatureRules signatures = settings.models().signatures();
    if (!signatures.current().rules().isEmpty() || !signatures.current().problems().isEmpty()) {
      say.accept("Signatures: " + signatures.current().rules().size() + " rules loaded");
      signatures.current().problems().forEach(p -> say.accept("Signatures: " + p));
    }
    EvidenceStore evidence = new EvidenceStore(EvidenceSettings.create(config, home));
    LaunchResult embedded = null;
    CassandraLauncher launcher = null;
    StoreSettings storeSettings = settings.store();
    if (storeSettings.embedded()) {
      launcher = embeddedLauncher(settings, home);
      embedded = startEmbeddedCassandra(launcher, say);
      storeSettings = storeSettings.withContactPoints(List.of(embedded.contactPoint()));
    }
    CassandraStore store = CassandraStore.connect(storeSettings);
    ActorSystem<Void> system = null;
    try {
      CompletableFuture<Guardian.Started> started = new CompletableFuture<>();
      Config systemConfig = ClusterConfig.apply(config, settings.site(), settings.cluster());
      system = ActorSystem.create(Guardian.create(settings, store, started), ClusterConfig.SYSTEM_NAME, systemConfig);
      NodeEvidence.get(system).attach(evidence);
      Guardian.Started actors = started.get(30, TimeUnit.SECONDS);
      // A node forming its own cluster hosts the alert router too: wait for it as well.
      boolean routerHere = settings.alerting().enabled()
          && config.getStringList("pekko.cluster.seed-nodes").isEmpty();
      awaitSubscribers(system, actors.anomalyTopic(), routerHere ? 2 : 1);
      reloadRulesPeriodically(system, signatures);
      Set<String> segments = ConcurrentHashMap.newKeySet();
      NodeMetrics metrics = metrics(system, actors, store, segments);
      if (settings.cluster().managementEnabled()) {
        say.accept("Cluster management on " + ClusterManagement.start(system) + " (data center " + settings.site() + ")");
      }
      ServerBinding binding = null;
      Optional<String> token = Optional.empty();
      if (settings.httpEnabled()) {
        AuthSettings auth = AuthSettings.create(config, home);
        token = auth.generated();
        HttpApi api = new HttpApi(auth, org.slf4j.LoggerFactory.getLogger(HttpApi.class), List.of(
            new MetricsRoute(metrics).route(),
            new AnomalyStreamRoute(actors.anomalyTopic()).route(),
            new OpenApiRoute().route(),
            new AdminRoutes(settings.models().detectors().threatIntel()).route(),
            new FeedbackRoutes(store.anomalies(), store.feedback(), system,
                settings.host().askTimeout()).route(),
            new ApiRoutes(system, store, settings, evidence).routes(),
            alertRoutes(new AlertRoutes(system, store, settings.alerting(), actors.router())),
            segmentRoutes(system, segments),
            new ClusterRoutes(system).route(),
            new DashboardRoutes().route()));
        HttpsConnectionContext tls = TlsSettings.create(config, home).map(TlsSettings::context).orElse(null);
        binding = bindHttp(system, settings, api, tls);
        String scheme = tls == null ? "http" : "https";
        say.accept("HTTP API on " + scheme + "://" + hostPort(binding) + "/api/v1/health");
        if (!auth.enabled()) {
          say.accept("API authentication is off (watchfloor.http.auth.enabled): anyone who reaches the port may use it");
        }
        String base = scheme + "://" + hostPort(binding);
        auth.generated().ifPresent(t -> say.accept(
            "API token (admin, valid until this node stops; configure your own in watchfloor.http.auth.tokens):\n"
                + "    " + t + "\n"
                + "    dashboard: " + base + "/  (paste the token)\n"
                + "    curl -H 'Authorization: Bearer " + t + "' " + base + "/api/v1/hosts"));
      }
      return new WatchfloorNode(settings, store, system, actors, binding, embedded, launcher, evidence,
          segments, token);
    } catch (Exception e) {
      if (system != null) {
        system.terminate();
        awaitTermination(system);
      }
      store.close();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("node did not start: " + e.getMessage(), e);
    }
  }

  private static CassandraLauncher embeddedLauncher(NodeSettings settings, Path home) {
    NodeSettings.EmbeddedCassandraSettings e = settings.embedded();
    LauncherSettings ls =
        LauncherSettings.defaults(home)
            .withPorts(e.nativePort(), e.storagePort())
            .withHeap(e.heap())
            .withStartTimeout(e.startTimeout());
    if (!e.workDir().isBlank()) {
      ls = ls.withWorkDir(Path.of(e.workDir()));
    }
    return CassandraLauncher.create(ls);
  }

  private static LaunchResult startEmbeddedCassandra(CassandraLauncher launcher, Consumer<String> say) {
    say.accept("Starting the embedded Cassandra (or reusing a running one) ...");
    LaunchResult r = launcher.ensureRunning();
    say.accept(
        r.startedByUs()
            ? String.format("Cassandra started on %s in %.1f s (data in %s; stop it with ops/cassandra stop)",
                r.contactPoint(), r.startupTime().toMillis() / 1000.0, r.workDir())
            : "Cassandra already running on " + r.contactPoint() + ", reusing it");
    return r;
  }

  private static ServerBinding bindHttp(
      ActorSystem<Void> system, NodeSettings settings, HttpApi api, HttpsConnectionContext tls) throws Exception {
    try {
      var server = Http.get(system).newServerAt(settings.httpInterface(), settings.httpPort());
      if (tls != null) {
        server = server.enableHttps(tls);
      }
      return server
          .bind(api.route())
          .toCompletableFuture()
          .get(15, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new NodeConfig.BadConfigException(
          "cannot serve HTTP on " + settings.httpInterface() + ":" + settings.httpPort() + ": "
              + e.getCause().getMessage() + " (set watchfloor.http.port or --port)");
    }
  }

  /** Anomalies published before a subscriber registered would miss it: wait for the subscribers. */
  private static void awaitSubscribers(ActorSystem<Void> system, ActorRef<Topic.Command<Anomaly>> topic, int n)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Topic.TopicStats stats =
          AskPattern.<Topic.Command<Anomaly>, Topic.TopicStats>ask(
                  topic, Topic::getTopicStats, ASK, system.scheduler())
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      if (stats.localSubscriberCount() >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("fewer than " + n + " subscribers to anomalies after 10 s");
  }

  /** Blocks until at least n local subscribers receive anomalies. */
  public void awaitAnomalySubscribers(int n) throws Exception {
    awaitSubscribers(system, actors.anomalyTopic(), n);
  }

  public ActorRef<Topic.Command<Anomaly>> anomalyTopic() {
    return actors.anomalyTopic();
  }

  public NodeSettings settings() {
    return settings;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public CassandraStore store() {
    return store;
  }

  /** The embedded server this node uses, or null when it uses configured contact points. */
  public LaunchResult embeddedCassandra() {
    return embedded;
  }

  public String httpAddress() {
    return binding == null ? null : hostPort(binding);
  }

  /**
   * Starts a capture and waits until packets can flow. Throws {@code CaptureInputException} when the
   * input is unusable (no such file or interface, bad filter), with the reason.
   */
  public void startCaptureAndWait(CaptureSpec spec) throws Exception {
    try {
      startCapture(spec).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      SegmentStatus s = segmentStatus(spec.segment()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      String reason = "segment " + spec.segment() + ": " + (s.error() == null ? e.getCause().getMessage() : s.error());
      if (s.badInput()) {
        throw new io.watchfloor.node.capture.CaptureInputException(reason);
      }
      throw new IllegalStateException(reason, e.getCause());
    }
  }

  public CompletionStage<Done> startCapture(CaptureSpec spec) {
    segments.add(spec.segment());
    if (spec.file() != null && !spec.file().isBlank()) {
      evidence.register(spec.segment(), new FileEvidence(Path.of(spec.file()).toAbsolutePath()));
    }
    if (spec.networkInterface() == null) {
      return askStart(spec);
    }
    return SegmentPlacement.pinHere(system, spec.segment()).thenCompose(done -> askStart(spec));
  }

  /**
   * A live segment that still runs elsewhere moves here at the next rebalance: ask again until then.
   * A Start lost on the way (sharding drops messages it buffered for a shard that is handed off) is
   * asked again too: a Start of what already runs succeeds, so asking twice starts nothing twice.
   */
  private CompletionStage<Done> askStart(CaptureSpec spec) {
    String self = org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().address().toString();
    long deadline = System.nanoTime() + LIVE_PLACEMENT_TIMEOUT.toNanos();
    return askStart(spec, self, deadline);
  }

  private CompletionStage<Done> askStart(CaptureSpec spec, String self, long deadline) {
    return ClusterSharding.get(system)
        .entityRefFor(SegmentCapture.TYPE_KEY, spec.segment())
        .<Done>askWithStatus(r -> new SegmentCapture.Start(spec, self, r), ASK)
        .exceptionallyCompose(
            failure -> {
              if (!worthAskingAgain(failure) || System.nanoTime() > deadline) {
                return CompletableFuture.failedStage(failure);
              }
              return org.apache.pekko.pattern.Patterns.after(
                  Duration.ofSeconds(1), system.classicSystem().scheduler(), system.executionContext(),
                  () -> askStart(spec, self, deadline));
            });
  }

  private static boolean worthAskingAgain(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TimeoutException
        || String.valueOf(cause.getMessage()).contains(SegmentCapture.NOT_ON_ORIGIN);
  }

  public CompletionStage<SegmentStatus> segmentStatus(String segment) {
    return SegmentStatuses.of(system, segment);
  }

  /** The cluster's alert router (through its singleton proxy), or null when alerting is off. */
  public ActorRef<AlertRouter.Command> alertRouter() {
    return actors.router();
  }

  public CompletionStage<AlertStats> alertStats() {
    return AskPattern.ask(actors.alerts(), AlertDispatcher.GetStats::new, ASK, system.scheduler());
  }

  private static String hostPort(ServerBinding b) {
    return b.localAddress().getHostString() + ":" + b.localAddress().getPort();
  }

  /** Stops HTTP and the actor system, closes the Cassandra session; leaves the embedded server running. */
  @Override
  public void close() {
    if (binding != null) {
      binding.unbind().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
    system.terminate();
    awaitTermination(system);
    store.close();
    if (launcher != null && embedded.startedByUs() && !settings.embedded().keepRunning()) {
      launcher.stop();
    }
  }

  private static void awaitTermination(ActorSystem<Void> system) {
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The JVM exits anyway; nothing is lost: anomalies were stored before they were acknowledged.
    }
  }
}

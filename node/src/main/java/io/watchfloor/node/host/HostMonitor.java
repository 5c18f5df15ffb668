package io.watchfloor.node.host;

import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.detect.HostAnalyzer;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.models.score.TrainingJob;
import io.watchfloor.node.metrics.StageLatencies;
import io.watchfloor.node.store.AnomalyRepository;
import io.watchfloor.node.store.HostSnapshotRepository;
import io.watchfloor.node.store.HostSnapshotRepository.HostSnapshot;
import io.watchfloor.protocol.CborSerializable;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.api.HostState;
import io.watchfloor.protocol.host.HostKey;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.delivery.ShardingConsumerController;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;

/**
 * One host ("site/ip"): judges each window capture sends for it against the host's own baseline,
 * stores what it finds in Cassandra before confirming the window, and only then publishes the
 * anomalies to the alert side. Windows arrive through Pekko reliable delivery, one or several
 * consecutive ones per message ({@link CaptureWindows}): the sharded entity is a {@link
 * ShardingConsumerController} with this actor as its consumer, and {@link HostEntity} routes the
 * entity's other messages (state, feedback, passivation) to it. Its neural scorer trains on the
 * training dispatcher while the host waits. Its learned state is saved every few windows and when it
 * passivates, and restored when it starts again, here or on another node.
 */
public final class HostMonitor extends AbstractBehavior<HostMonitor.Command> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "HostMonitor");
  private static final Duration STORE_RETRY = Duration.ofSeconds(1);
  /** Where host trainings run: one thread, so DL4J's native work does not crowd out the actors. */
  public static final String TRAINING_DISPATCHER = "watchfloor.host.training-dispatcher";
  /** Windows a host judges with the scorer it has before it tries again after a failed training. */
  private static final int TRAINING_RETRY_WINDOWS = 60;

  /** What every host entity of a node shares. */
  public record Dependencies(
      ModelSettings models,
      HostSettings settings,
      AnomalyRepository anomalies,
      HostSnapshotRepository snapshots,
      ActorRef<Topic.Command<Anomaly>> anomalyTopic,
      Optional<ActorRef<SiteModelKeeper.Command>> siteModels) {}

  public static void init(ActorSystem<?> system, Dependencies deps) {
    ClusterSharding.get(system)
        .init(
            Entity.of(TYPE_KEY, ctx -> HostEntity.create(ctx.getEntityId(), deps))
                .withStopMessage(Passivate.INSTANCE));
  }

  /**
   * The entity id of the host with key "site/ip": the key URL-encoded, as reliable delivery names
   * actors after entity ids (and '/' is no valid name).
   */
  public static String entityId(String hostKey) {
    return HostEntity.entityId(hostKey);
  }

  /**
   * This node's host shard region as the target of a {@code ShardingProducerController}: the same
   * entities as {@link #TYPE_KEY}, addressed with the sequenced messages of reliable delivery.
   */
  public static ActorRef<ShardingEnvelope<ConsumerController.SequencedMessage<Command>>> windowRegion(
      ActorSystem<?> system) {
    return Adapter.toTyped(
        org.apache.pekko.cluster.sharding.ClusterSharding.get(Adapter.toClassic(system))
            .shardRegion(TYPE_KEY.name()));
  }

  /**
   * The entity of host {@code ip} of {@code site}, wherever that site's nodes are. Each site is a
   * data center with its own shards: a host of another site is reached through a proxy to that
   * data center, never started here (a second live copy would overwrite the owner's snapshots).
   */
  public static EntityRef<Command> refFor(ActorSystem<?> system, String site, String ip) {
    ClusterSharding sharding = ClusterSharding.get(system);
    String key = entityId(HostKey.of(site, ip));
    if (site.equals(Cluster.get(system).selfMember().dataCenter())) {
      return sharding.entityRefFor(TYPE_KEY, key);
    }
    // Proxy only (another data center): init is idempotent and never runs this behavior here.
    sharding.init(Entity.of(TYPE_KEY, ctx -> Behaviors.<Command>empty()).withDataCenter(site));
    return sharding.entityRefFor(TYPE_KEY, key, site);
  }

  public interface Command extends CborSerializable {}

  /**
   * Consecutive windows of this host from one capture run (one, unless capture had several ready),
   * sent through reliable delivery as one message and confirmed once each window's anomalies (and
   * the host's state, when a snapshot is due) are stored.
   *
   * @param reportTo told once all are applied, with their anomaly ids (capture's statistics and its
   *     window_delivery latency)
   */
  public record CaptureWindows(List<HostWindow> windows, String run, ActorRef<WindowApplied> reportTo)
      implements Command {
    public CaptureWindows {
      windows = List.copyOf(windows);
      if (windows.isEmpty()) {
        throw new IllegalArgumentException("no windows");
      }
    }
  }

  /** Judge one window; the reply comes once its anomalies are stored. */
  /** @param run the capture run of the window's segment (a segment replays within its run only) */
  public record ApplyWindow(HostWindow window, String run, ActorRef<StatusReply<WindowApplied>> replyTo)
      implements Command {}

  /**
   * @param windowStartMillis start of the (first) window applied
   * @param windows how many windows were applied
   * @param anomalyIds anomalies they raised; none for windows already applied
   */
  public record WindowApplied(String hostKey, long windowStartMillis, int windows, List<String> anomalyIds)
      implements CborSerializable {
    public WindowApplied {
      anomalyIds = List.copyOf(anomalyIds);
    }
  }

  public record GetState(ActorRef<HostState> replyTo) implements Command {}

  /**
   * An analyst's verdict on one of this host's anomalies: a false positive suppresses the detector
   * (for {@code peer} only, when not empty) until {@code untilMillis} (capture time); a true positive
   * raises the severity of its later anomalies. The host's state is saved with it.
   */
  public record ApplyFeedback(
      String detector, boolean falsePositive, String peer, long untilMillis, ActorRef<Done> replyTo)
      implements Command {}

  /** Sent by sharding when the entity has been idle; saves state, then stops. */
  public enum Passivate implements Command {
    INSTANCE
  }

  private record WindowDelivered(ConsumerController.Delivery<Command> delivery)
      implements Command, NoSerializationVerificationNeeded {}

  private record StoreAgain(PendingWindow pending, Long previousMark, List<Anomaly> anomalies)
      implements Command, NoSerializationVerificationNeeded {}

  private record SnapshotLoaded(Optional<HostSnapshot> snapshot, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record SiteModelOffered(Optional<SiteModel> model)
      implements Command, NoSerializationVerificationNeeded {}

  private record AnomaliesStored(
      PendingWindow pending, Long previousMark, List<Anomaly> anomalies, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record Trained(TrainingJob job, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  /** @param ack answers the window acknowledged once the state is saved, or null */
  private record SnapshotSaved(long atMillis, Throwable failure, boolean stopAfter, Runnable ack)
      implements Command, NoSerializationVerificationNeeded {}

  /**
   * A window being applied and how it is answered: a reply to an ask ({@link ApplyWindow}), or a
   * confirmation to reliable delivery ({@link CaptureWindows}, once its last window is applied).
   */
  private record PendingWindow(HostWindow window, String run, Answer answer) {}

  @FunctionalInterface
  private interface Answer {
    void applied(WindowApplied applied);

    /**
     * Its anomalies could not be stored. An ask hears why and is retried by its sender (false); a
     * delivered window stays unconfirmed, and the host stores it again itself (true): reliable
     * delivery resends only to a restarted consumer.
     */
    default boolean failed(String why) {
      return true;
    }
  }

  /** The consumer of a host entity's reliable delivery, started by {@link HostEntity}. */
  static Behavior<Command> create(
      String hostKey, Dependencies deps, ActorRef<ConsumerController.Start<Command>> consumerController) {
    return Behaviors.withStash(
        1_000,
        stash -> Behaviors.setup(ctx -> {
          consumerController.<Object>unsafeUpcast().tell(new HostEntity.Registered(ctx.getSelf()));
          consumerController.tell(new ConsumerController.Start<>(
              ctx.messageAdapter(ConsumerController.deliveryClass(), WindowDelivered::new)));
          return new HostMonitor(ctx, stash, hostKey, deps);
        }));
  }

  private final StashBuffer<Command> stash;
  private final Dependencies deps;
  private final String site;
  private final String host;
  private final HostAnalyzer analyzer;
  private final WindowMarks marks = new WindowMarks();
  private final StageLatencies latencies = StageLatencies.get(getContext().getSystem());

  private boolean loaded;
  private boolean busy;
  /** Windows of a delivery still to apply, in order, ahead of anything stashed. */
  private final Deque<PendingWindow> queued = new ArrayDeque<>();
  /** A training of the neural scorer runs on the training dispatcher; the host waits for it. */
  private boolean training;
  private int windowsUntilTrainingRetry;
  private final Executor trainingExecutor =
      getContext().getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(TRAINING_DISPATCHER));
  private boolean known;
  private long windowsSinceSnapshot;
  private long windowsSeen;
  private long anomaliesBefore;
  private Long lastSnapshotMillis;

  private HostMonitor(
      ActorContext<Command> context, StashBuffer<Command> stash, String hostKey, Dependencies deps) {
    super(context);
    this.stash = stash;
    this.deps = deps;
    this.site = HostKey.site(hostKey);
    this.host = HostKey.ip(hostKey);
    this.analyzer = deps.models().newHostAnalyzer();
    analyzer.trainElsewhere();
    context.pipeToSelf(
        deps.snapshots().load(site, host), (snapshot, failure) -> new SnapshotLoaded(snapshot, failure));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SnapshotLoaded.class, this::onSnapshotLoaded)
        .onMessage(SiteModelOffered.class, this::onSiteModelOffered)
        .onMessage(GetState.class, this::onGetState)
        .onMessage(ApplyWindow.class, this::onApplyWindow)
        .onMessage(WindowDelivered.class, this::onWindowDelivered)
        .onMessage(ApplyFeedback.class, this::onApplyFeedback)
        .onMessage(AnomaliesStored.class, this::onAnomaliesStored)
        .onMessage(StoreAgain.class, this::onStoreAgain)
        .onMessage(SnapshotSaved.class, this::onSnapshotSaved)
        .onMessage(Trained.class, this::onTrained)
        .onMessageEquals(Passivate.INSTANCE, this::onPassivate)
        .build();
  }

  private Behavior<Command> onSnapshotLoaded(SnapshotLoaded msg) {
    if (msg.failure() != null) {
      // The host continues with a fresh baseline rather than not at all; the loss is logged.
      getContext().getLog().warn("Host {} state could not be loaded, starting fresh: {}", host, msg.failure().toString());
    } else if (msg.snapshot().filter(s -> deps.settings().usable(s.updatedAt())).isPresent()) {
      HostSnapshot s = msg.snapshot().get();
      try {
        analyzer.restore(s.baseline());
        anomaliesBefore = s.anomalies();
        marks.restore(s.segmentMarks());
        lastSnapshotMillis = s.updatedAt() == null ? null : s.updatedAt().toEpochMilli();
        known = true;
      } catch (IllegalArgumentException e) {
        getContext().getLog().warn("Host {} snapshot is unreadable, starting fresh: {}", host, e.getMessage());
      }
    } else if (deps.siteModels().isPresent()) {
      // A new host: windows wait until it knows whether its site has a model to start from.
      getContext().ask(SiteModelKeeper.Current.class, deps.siteModels().get(), deps.settings().siteModel().askTimeout(),
          SiteModelKeeper.GetCurrent::new, (c, failure) -> new SiteModelOffered(c == null ? Optional.empty() : c.model()));
      return this;
    }
    loaded = true;
    return stash.unstashAll(this);
  }

  private Behavior<Command> onSiteModelOffered(SiteModelOffered msg) {
    msg.model().filter(analyzer::startFromSite).ifPresent(m ->
        getContext().getLog().debug("Host {} starts from the site model ({} windows)", host, m.windows()));
    loaded = true;
    return stash.unstashAll(this);
  }

  private Behavior<Command> onGetState(GetState msg) {
    if (!loaded) {
      stash.stash(msg);
      return this;
    }
    msg.replyTo()
        .tell(
            new HostState(
                site,
                host,
                known,
                analyzer.baseline().windows(),
                analyzer.baseline().isWarm(),
                anomaliesBefore + analyzer.anomaliesRaised(),
                analyzer.lastWindow().orElse(null),
                analyzer.currentDeviations(),
                lastSnapshotMillis,
                analyzer.modelState()));
    return this;
  }

  private Behavior<Command> onApplyWindow(ApplyWindow msg) {
    if (!loaded || busy || training) {
      stash.stash(msg);
      return this;
    }
    return apply(new PendingWindow(msg.window(), msg.run(), new Answer() {
      @Override
      public void applied(WindowApplied applied) {
        msg.replyTo().tell(StatusReply.success(applied));
      }

      @Override
      public boolean failed(String why) {
        msg.replyTo().tell(StatusReply.error(why));
        return false;
      }
    }));
  }

  private Behavior<Command> onWindowDelivered(WindowDelivered msg) {
    if (!loaded || busy || training) {
      stash.stash(msg);
      return this;
    }
    ConsumerController.Delivery<Command> d = msg.delivery();
    if (!(d.message() instanceof CaptureWindows w)) {
      getContext().getLog().warn("Host {} confirms an unexpected delivery {}", host, d.message().getClass().getName());
      d.confirmTo().tell(ConsumerController.confirmed());
      return this;
    }
    // The windows are applied in order, before anything stashed; the delivery is reported (also
    // without anomalies: capture times its delivery by the report) and confirmed after the last.
    List<HostWindow> windows = w.windows();
    List<String> anomalyIds = new ArrayList<>();
    for (int i = 0; i < windows.size() - 1; i++) {
      queued.add(new PendingWindow(windows.get(i), w.run(), applied -> anomalyIds.addAll(applied.anomalyIds())));
    }
    queued.add(new PendingWindow(windows.get(windows.size() - 1), w.run(), applied -> {
      anomalyIds.addAll(applied.anomalyIds());
      w.reportTo().tell(new WindowApplied(w.windows().get(0).hostKey(), w.windows().get(0).windowStartMillis(),
          windows.size(), anomalyIds));
      d.confirmTo().tell(ConsumerController.confirmed());
    }));
    return resume();
  }

  private Behavior<Command> apply(PendingWindow pending) {
    HostWindow w = pending.window();
    if (marks.alreadyApplied(w.segment(), pending.run(), w.windowStartMillis())) {
      pending.answer().applied(new WindowApplied(w.hostKey(), w.windowStartMillis(), 1, List.of()));
      return this;
    }
    Long previousMark = marks.mark(w.segment(), pending.run(), w.windowStartMillis());
    known = true;
    // A host seen in fewer windows than sample-every-windows (a scan's victim) offers none.
    boolean sampled =
        deps.siteModels().isPresent() && ++windowsSeen % deps.settings().siteModel().sampleEveryWindows() == 0;
    long analysisStart = System.nanoTime();
    List<Anomaly> found = analyzer.analyze(w, System.currentTimeMillis());
    latencies.hostAnalysis.recordSince(analysisStart);
    if (sampled && found.isEmpty()) {
      // The input analyze judged the window by: its never-seen peers counted before it learned them.
      analyzer.lastNeuralInput().ifPresent(v -> deps.siteModels().get().tell(new SiteModelKeeper.Offer(host, v)));
    }
    if (windowsUntilTrainingRetry > 0) {
      windowsUntilTrainingRetry--;
    } else {
      analyzer.dueTraining().ifPresent(this::train);
    }
    windowsSinceSnapshot++;
    if (found.isEmpty()) {
      acknowledge(pending, List.of());
      return this;
    }
    busy = true;
    getContext().pipeToSelf(
        StageLatencies.timed(latencies.cassandraWrite, () -> deps.anomalies().saveAll(found)),
        (ok, failure) -> new AnomaliesStored(pending, previousMark, found, failure));
    return this;
  }

  private Behavior<Command> onStoreAgain(StoreAgain msg) {
    getContext().pipeToSelf(
        StageLatencies.timed(latencies.cassandraWrite, () -> deps.anomalies().saveAll(msg.anomalies())),
        (ok, failure) -> new AnomaliesStored(msg.pending(), msg.previousMark(), msg.anomalies(), failure));
    return this;
  }

  private Behavior<Command> onApplyFeedback(ApplyFeedback msg) {
    if (!loaded || busy || training) {
      stash.stash(msg);
      return this;
    }
    if (msg.falsePositive()) {
      analyzer.feedback().falsePositive(
          msg.detector(), Optional.of(msg.peer()).filter(p -> !p.isEmpty()), msg.untilMillis());
    } else {
      analyzer.feedback().truePositive(msg.detector());
    }
    known = true;
    saveSnapshot(false, null);
    msg.replyTo().tell(Done.getInstance());
    return this;
  }

  private Behavior<Command> onAnomaliesStored(AnomaliesStored msg) {
    busy = false;
    HostWindow w = msg.pending().window();
    if (msg.failure() != null) {
      // Not confirmed. The anomaly ids make every retry idempotent; until a delivered window is
      // stored, this host's later windows wait behind it, which is the back-pressure capture sees.
      getContext().getLog().warn("Host {} could not store {} anomalies: {}", host, msg.anomalies().size(), msg.failure().toString());
      if (msg.pending().answer().failed("anomalies of " + w.hostKey() + " not stored: " + msg.failure().getMessage())) {
        busy = true;
        getContext().scheduleOnce(STORE_RETRY, getContext().getSelf(),
            new StoreAgain(msg.pending(), msg.previousMark(), msg.anomalies()));
        return this;
      }
      marks.undo(w.segment(), msg.pending().run(), msg.previousMark());
    } else {
      for (Anomaly a : msg.anomalies()) {
        deps.anomalyTopic().tell(Topic.publish(a));
      }
      acknowledge(msg.pending(), msg.anomalies().stream().map(Anomaly::id).toList());
    }
    return resume();
  }

  /**
   * Once nothing (a store, a training) is outstanding: applies the queued windows of a delivery, then
   * takes the stashed messages.
   */
  private Behavior<Command> resume() {
    while (!busy && !training && !queued.isEmpty()) {
      apply(queued.poll());
    }
    return busy || training ? this : stash.unstashAll(this);
  }

  /**
   * Trains the host's neural scorer off the actor's thread (DL4J blocks, and its threads contend on
   * a native lock); the host takes its next window only after installing the result, so it judges
   * every window exactly as if it had trained in place.
   */
  private void train(TrainingJob job) {
    training = true;
    getContext().pipeToSelf(CompletableFuture.supplyAsync(job::run, trainingExecutor), Trained::new);
  }

  private Behavior<Command> onTrained(Trained msg) {
    training = false;
    if (msg.failure() != null) {
      // The scorer stays as it was; the training is tried again some windows later.
      windowsUntilTrainingRetry = TRAINING_RETRY_WINDOWS;
      getContext().getLog().warn("Host {} neural training failed (tried again in {} windows): {}",
          host, TRAINING_RETRY_WINDOWS, msg.failure().toString());
    } else {
      analyzer.install(msg.job());
    }
    return resume();
  }

  /**
   * Acknowledges a window, after saving the host's state when a snapshot is due: a window that
   * completes a snapshot interval is acknowledged only once the state including it is in Cassandra.
   */
  private void acknowledge(PendingWindow pending, List<String> anomalyIds) {
    HostWindow w = pending.window();
    Runnable ack = () -> pending.answer().applied(new WindowApplied(w.hostKey(), w.windowStartMillis(), 1, anomalyIds));
    if (windowsSinceSnapshot >= deps.settings().snapshotEveryWindows()) {
      busy = true;
      saveSnapshot(false, ack);
    } else {
      ack.run();
    }
  }

  private void saveSnapshot(boolean stopAfter, Runnable ack) {
    windowsSinceSnapshot = 0;
    long now = System.currentTimeMillis();
    HostSnapshot s =
        new HostSnapshot(
            analyzer.baseline().windows(),
            anomaliesBefore + analyzer.anomaliesRaised(),
            Instant.ofEpochMilli(now),
            analyzer.snapshot(),
            marks.stored());
    getContext().pipeToSelf(
        StageLatencies.timed(latencies.cassandraWrite, () -> deps.snapshots().save(site, host, s)),
        (ok, failure) -> new SnapshotSaved(now, failure, stopAfter, ack));
  }

  private Behavior<Command> onSnapshotSaved(SnapshotSaved msg) {
    if (msg.failure() != null) {
      // The window stays acknowledged-worthy: its anomalies are stored; only learning since the last
      // saved state would be repeated after a crash.
      getContext().getLog().warn("Host {} state not saved: {}", host, msg.failure().toString());
    } else {
      lastSnapshotMillis = msg.atMillis();
    }
    if (msg.stopAfter()) {
      return Behaviors.stopped();
    }
    if (msg.ack() != null) {
      msg.ack().run();
      busy = false;
      return resume();
    }
    return this;
  }

  private Behavior<Command> onPassivate() {
    if (!loaded || busy || training) {
      stash.stash(Passivate.INSTANCE);
      return this;
    }
    latencies.hostPassivated();
    if (!known) {
      return Behaviors.stopped();
    }
    saveSnapshot(true, null);
    return this;
  }
}

package io.watchfloor.node.host;

import io.watchfloor.models.score.NeuralSettings;
import io.watchfloor.models.score.NormalWindowPool;
import io.watchfloor.models.score.SiteModel;
import io.watchfloor.node.store.SiteModelRepository;
import io.watchfloor.node.store.SiteModelRepository.StoredSiteModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The site model of this node's site: pools normal windows its host entities offer, trains a
 * site-wide autoencoder ({@link SiteModel}) once enough windows of enough hosts are in, stores it
 * in Cassandra, and hands the newest to new hosts so they score during their grace period. On start
 * it loads the site's stored model (trained by this node before a restart, or by another node of
 * the site).
 *
 * <p>Node-local, one per node: its messages carry a {@link SiteModel} object (immutable) and never
 * cross nodes, so none of them is serialisable; each node of a site pools its own hosts, and the
 * newest model trained by any of them is the one stored.
 */
public final class SiteModelKeeper extends AbstractBehavior<SiteModelKeeper.Command> {

  public record Dependencies(
      String site, SiteModelSettings settings, NeuralSettings neural, SiteModelRepository repository,
      Predicate<Instant> usable) {}

  /** Node-local messages only (see the class comment). */
  public interface Command extends NoSerializationVerificationNeeded {}

  /** A normal window's neural input ({@code HostAnalyzer.lastNeuralInput}) offered to the pool. */
  public record Offer(String host, double[] input) implements Command {
    public Offer {
      input = input.clone();
    }
  }

  public record GetCurrent(ActorRef<Current> replyTo) implements Command {}

  /** @param model the newest site model, empty while none was trained */
  public record Current(Optional<SiteModel> model) implements NoSerializationVerificationNeeded {}

  /** @param problem why no stored model is used, or null */
  private record Restored(Optional<SiteModel> model, Instant trainedAt, String problem) implements Command {}

  private record Trained(SiteModel model, int hosts, long startedNanos, Throwable failure) implements Command {}

  private record Saved(SiteModel model, Throwable failure) implements Command {}

  public static Behavior<Command> create(Dependencies deps) {
    return Behaviors.withStash(1_000, stash -> Behaviors.setup(ctx -> new SiteModelKeeper(ctx, stash, deps)));
  }

  private final StashBuffer<Command> stash;
  private final Dependencies deps;
  private final Executor training;
  private final NormalWindowPool pool;

  private boolean restored;
  private boolean busy;
  private SiteModel current;
  private Instant trainedAt;

  private SiteModelKeeper(ActorContext<Command> context, StashBuffer<Command> stash, Dependencies deps) {
    super(context);
    context.setLoggerName(SiteModelKeeper.class);
    this.stash = stash;
    this.deps = deps;
    this.training = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(SiteModelSettings.DISPATCHER));
    this.pool = new NormalWindowPool(
        deps.settings().poolSize(), deps.settings().maxWindowsPerHost(), deps.neural().seed());
    // The bytes are read on the driver's thread: no byte array reaches the actor.
    context.pipeToSelf(deps.repository().load(deps.site()), (stored, failure) -> restore(deps, stored, failure));
  }

  private static Restored restore(Dependencies deps, Optional<StoredSiteModel> stored, Throwable failure) {
    if (failure != null) {
      return new Restored(Optional.empty(), null, "could not be loaded: " + failure);
    }
    if (stored.isEmpty() || !deps.usable().test(stored.get().trainedAt())) {
      return new Restored(Optional.empty(), null, null);
    }
    try {
      return new Restored(
          Optional.of(SiteModel.fromBytes(deps.neural(), stored.get().model())), stored.get().trainedAt(), null);
    } catch (IllegalArgumentException e) {
      return new Restored(Optional.empty(), null, "is unreadable (" + e.getMessage() + ")");
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Restored.class, this::onRestored)
        .onMessage(Offer.class, this::onOffer)
        .onMessage(GetCurrent.class, this::onGetCurrent)
        .onMessage(Trained.class, this::onTrained)
        .onMessage(Saved.class, this::onSaved)
        .build();
  }

  private Behavior<Command> onRestored(Restored msg) {
    if (msg.problem() != null) {
      // Pooling starts over; the next trained model replaces the stored row.
      getContext().getLog().warn("Stored site model of site {} {}: starting without one", deps.site(), msg.problem());
    } else if (msg.model().isPresent()) {
      current = msg.model().get();
      trainedAt = msg.trainedAt();
      getContext().getLog().info("Site model of site {} loaded ({} windows, trained {})",
          deps.site(), current.windows(), trainedAt);
    }
    restored = true;
    trainIfDue();
    return stash.unstashAll(this);
  }

  private Behavior<Command> onOffer(Offer msg) {
    if (current != null && current.dimension() != msg.input().length) {
      // A stored model of an older feature vector: hosts could not start from it.
      getContext().getLog().info("Site model of site {} has {} inputs, hosts now have {}: dropped until retrained",
          deps.site(), current.dimension(), msg.input().length);
      current = null;
      trainedAt = null;
    }
    pool.offer(msg.host(), msg.input());
    trainIfDue();
    return this;
  }

  private Behavior<Command> onGetCurrent(GetCurrent msg) {
    if (!restored) {
      // A node that restarts hands the stored model to its first hosts, not nothing.
      stash.stash(msg);
      return this;
    }
    msg.replyTo().tell(new Current(Optional.ofNullable(current)));
    return this;
  }

  private void trainIfDue() {
    SiteModelSettings s = deps.settings();
    boolean due = trainedAt == null || !Instant.now().isBefore(trainedAt.plus(s.retrainEvery()));
    if (!restored || busy || !due || !pool.holds(s.minWindows(), s.minHosts())) {
      return;
    }
    busy = true;
    int hosts = pool.hosts();
    List<double[]> windows = pool.drain();
    long started = System.nanoTime();
    NeuralSettings neural = deps.neural();
    getContext().pipeToSelf(
        CompletableFuture.supplyAsync(() -> SiteModel.train(neural, windows), training),
        (model, failure) -> new Trained(model, hosts, started, failure));
  }

  private Behavior<Command> onTrained(Trained msg) {
    if (msg.failure() != null) {
      busy = false;
      // The pooled windows are gone; the pool refills and training is tried again then.
      getContext().getLog().warn("Site model of site {} could not be trained: {}", deps.site(), msg.failure().toString());
      return this;
    }
    current = msg.model();
    trainedAt = Instant.now();
    getContext().getLog().info("Site model of site {} trained on {} windows of {} hosts in {} ms",
        deps.site(), current.windows(), msg.hosts(),
        Duration.ofNanos(System.nanoTime() - msg.startedNanos()).toMillis());
    StoredSiteModel stored = new StoredSiteModel(current.toBytes(), current.windows(), msg.hosts(), trainedAt);
    SiteModel model = current;
    getContext().pipeToSelf(deps.repository().save(deps.site(), stored), (ok, failure) -> new Saved(model, failure));
    return this;
  }

  private Behavior<Command> onSaved(Saved msg) {
    busy = false;
    if (msg.failure() != null) {
      // This node still hands the model out; only a restart or another node would miss it.
      getContext().getLog().warn("Site model of site {} not stored: {}", deps.site(), msg.failure().toString());
    }
    trainIfDue();
    return this;
  }
}

package io.watchfloor.node.alert;

import io.watchfloor.node.alert.group.AlertGroupState;
import io.watchfloor.node.store.AlertGroupRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Keeps the alert router's groups in Cassandra ({@code alert_groups}): loads them once when the
 * router starts and hands them to it (or, after {@code state-load-timeout} or a failed read,
 * nothing), then writes the newest state of every group the router says changed, off the router's
 * thread.
 *
 * <p>What is guaranteed: each group's newest state is written, one write per group at a time (a
 * state that arrives while one is under way replaces any older one waiting), and a failed write is
 * retried with backoff until it succeeds or a newer state replaces it; failures are counted and
 * logged. What is not: a node that dies loses the states not yet written (normally milliseconds
 * old, longer while Cassandra is unreachable); the next router then continues from the last stored
 * state. Replayed notifications have the same deterministic ids, so the outbox does not send a
 * delivered one again. A router stopped in an orderly way (the singleton's stop message) stops
 * only once its last states are stored ({@link Flush}), or after a few seconds if Cassandra does
 * not take them; what is still waiting when the keeper itself stops is issued unanswered.
 *
 * <p>Node-local: the router's child, its messages never cross nodes.
 */
final class AlertGroupKeeper extends AbstractBehavior<AlertGroupKeeper.Command> {
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
  /** A stopping router waits at most this for its last writes (cluster-exiting allows 10 s). */
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  interface Command extends NoSerializationVerificationNeeded {}

  /** The newest states of groups that changed. */
  record Save(List<AlertGroupState> states) implements Command {
    Save {
      states = List.copyOf(states);
    }
  }

  /**
   * What a starting router gets.
   *
   * @param skipped stored rows not read (unknown format, unreadable)
   * @param problem why nothing was loaded, or null
   */
  record Restored(List<AlertGroupState> states, int skipped, String problem) implements NoSerializationVerificationNeeded {
    Restored {
      states = List.copyOf(states);
    }
  }

  /** Answers once every state handed over so far is stored, or after {@link #FLUSH_TIMEOUT}. */
  record Flush(ActorRef<Done> replyTo) implements Command {}

  private enum FlushTimedOut implements Command { INSTANCE }

  private record Loaded(AlertGroupRepository.Loaded loaded, Throwable failure) implements Command {}

  private enum LoadTimedOut implements Command { INSTANCE }

  private record Written(AlertGroupState state, Throwable failure) implements Command {}

  private record Retry(String id) implements Command {}

  static Behavior<Command> create(
      AlertGroupRepository repository, AlertingSettings settings, Clock clock, ActorRef<Restored> replyTo) {
    // Resumed after a failure: its timer still answers a starting router, and what waits is kept.
    return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers ->
        new AlertGroupKeeper(ctx, timers, repository, settings, clock, replyTo))))
        .onFailure(SupervisorStrategy.resume());
  }

  private final TimerScheduler<Command> timers;
  private final AlertGroupRepository repository;
  private final AlertingSettings settings;
  private final Clock clock;
  private final ActorRef<Restored> replyTo;
  /** Ids with a write under way, or waiting to retry one that failed. */
  private final Set<String> busy = new HashSet<>();
  /** The newest state of a busy id, written when its write is over. */
  private final Map<String, AlertGroupState> waiting = new LinkedHashMap<>();
  private boolean answered;
  private ActorRef<Done> flushing;
  private long written;
  private long failures;
  private int failingInARow;

  private AlertGroupKeeper(ActorContext<Command> context, TimerScheduler<Command> timers, AlertGroupRepository repository,
      AlertingSettings settings, Clock clock, ActorRef<Restored> replyTo) {
    super(context);
    context.setLoggerName(AlertGroupKeeper.class);
    this.timers = timers;
    this.repository = repository;
    this.settings = settings;
    this.clock = clock;
    this.replyTo = replyTo;
    context.pipeToSelf(safely(repository::loadAll), Loaded::new);
    timers.startSingleTimer(LoadTimedOut.INSTANCE, settings.stateLoadTimeout());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Loaded.class, this::onLoaded)
        .onMessageEquals(LoadTimedOut.INSTANCE, this::onLoadTimedOut)
        .onMessage(Save.class, this::onSave)
        .onMessage(Written.class, this::onWritten)
        .onMessage(Retry.class, this::onRetry)
        .onMessage(Flush.class, this::onFlush)
        .onMessageEquals(FlushTimedOut.INSTANCE, this::onFlushTimedOut)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onLoaded(Loaded msg) {
    if (answered) {
      // The router started without them; what it writes now is the newer truth.
      getContext().getLog().warn("Stored alert groups arrived after state-load-timeout ({}) and are not used",
          settings.stateLoadTimeout());
      return this;
    }
    answered = true;
    timers.cancel(LoadTimedOut.INSTANCE);
    if (msg.failure() != null) {
      replyTo.tell(new Restored(List.of(), 0, "could not be read (" + msg.failure() + ")"));
    } else {
      replyTo.tell(new Restored(msg.loaded().groups(), msg.loaded().skipped(), null));
    }
    return this;
  }

  private Behavior<Command> onLoadTimedOut() {
    if (!answered) {
      answered = true;
      replyTo.tell(new Restored(List.of(), 0, "were not read within state-load-timeout (" + settings.stateLoadTimeout() + ")"));
    }
    return this;
  }

  private Behavior<Command> onSave(Save msg) {
    for (AlertGroupState s : msg.states()) {
      if (busy.contains(s.id())) {
        waiting.put(s.id(), s);
      } else {
        start(s);
      }
    }
    return this;
  }

  private void start(AlertGroupState s) {
    busy.add(s.id());
    getContext().pipeToSelf(safely(() -> write(s)), (ok, failure) -> new Written(s, failure));
  }

  /** A call that throws (a closed session, a state that does not encode) fails like one that answers so. */
  private static <T> CompletionStage<T> safely(Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** An open group lives with the table's retention, a flap record until its flap window ends. */
  private CompletionStage<Void> write(AlertGroupState s) {
    Instant now = clock.instant();
    if (s.open() != null) {
      return repository.save(s, now);
    }
    if (s.flaps() != null) {
      Duration left = Duration.between(now, Instant.ofEpochMilli(s.flaps().lastResolvedMillis()).plus(settings.flapWindow()));
      if (left.toSeconds() > 0) {
        return repository.save(s, now, left);
      }
    }
    return repository.delete(s.id());
  }

  private Behavior<Command> onWritten(Written msg) {
    String id = msg.state().id();
    if (msg.failure() != null) {
      failures++;
      failingInARow++;
      if (failingInARow == 1 || failingInARow % 100 == 0) {
        getContext().getLog().warn("Alert group state not stored ({} failures in a row, {} in all), retrying: {}",
            failingInARow, failures, msg.failure().toString());
      }
      waiting.putIfAbsent(id, msg.state());
      timers.startSingleTimer(new Retry(id), retryDelay());
      return this;
    }
    written++;
    if (failingInARow > 0) {
      getContext().getLog().info("Alert group state stored again after {} failed writes ({} stored in all)",
          failingInARow, written);
      failingInARow = 0;
    }
    busy.remove(id);
    AlertGroupState next = waiting.remove(id);
    if (next != null) {
      start(next);
    }
    if (flushing != null && busy.isEmpty()) {
      timers.cancel(FlushTimedOut.INSTANCE);
      flushed();
    }
    return this;
  }

  private Behavior<Command> onFlush(Flush msg) {
    flushing = msg.replyTo();
    if (busy.isEmpty()) {
      flushed();
    } else {
      timers.startSingleTimer(FlushTimedOut.INSTANCE, FLUSH_TIMEOUT);
    }
    return this;
  }

  private Behavior<Command> onFlushTimedOut() {
    if (flushing != null) {
      getContext().getLog().warn("{} alert group states not stored within {} as the router stops; the next router"
          + " starts from the last stored ones", busy.size(), FLUSH_TIMEOUT);
      flushed();
    }
    return this;
  }

  private void flushed() {
    flushing.tell(Done.done());
    flushing = null;
  }

  private Duration retryDelay() {
    Duration d = settings.delivery().minBackoff().multipliedBy(1L << Math.min(failingInARow - 1, 5));
    return d.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : d;
  }

  private Behavior<Command> onRetry(Retry msg) {
    busy.remove(msg.id());
    AlertGroupState s = waiting.remove(msg.id());
    if (s != null) {
      start(s);
    }
    return this;
  }

  private Behavior<Command> onStop() {
    if (!waiting.isEmpty()) {
      // The session finishes what it was given before it closes; nobody waits for the answers.
      getContext().getLog().info("Alert router stopping: storing the {} alert group states still waiting", waiting.size());
      waiting.values().forEach(this::write);
    }
    return this;
  }
}

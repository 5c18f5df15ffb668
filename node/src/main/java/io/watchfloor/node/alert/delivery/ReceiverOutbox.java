package io.watchfloor.node.alert.delivery;

import io.watchfloor.node.alert.receiver.DeliveryOutcome;
import io.watchfloor.node.alert.receiver.NotificationSender;
import io.watchfloor.node.alert.receiver.Receiver;
import io.watchfloor.node.store.AlertOutboxRepository;
import io.watchfloor.protocol.CborSerializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Delivers one receiver's outbox entries, oldest first, one request at a time: spaced by the rate
 * limit, retried with backoff (or the receiver's Retry-After) until delivered, and recorded as
 * done before the next. Polls the outbox too, so entries written before a restart go out.
 */
public final class ReceiverOutbox extends AbstractBehavior<ReceiverOutbox.Command> {

  public interface Command extends CborSerializable {}

  /** New entries were written to the outbox. */
  public enum Wake implements Command { INSTANCE }

  public record GetStats(ActorRef<DeliveryStats> replyTo) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private enum SendHead implements Command { INSTANCE }

  private enum RecordDone implements Command { INSTANCE }

  private record Loaded(List<AlertOutboxRepository.Entry> entries, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record Sent(DeliveryOutcome outcome) implements Command, NoSerializationVerificationNeeded {}

  private record Marked(Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  public static Behavior<Command> create(
      Receiver receiver, AlertOutboxRepository outbox, NotificationSender sender, DeliverySettings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, settings.pollInterval());
      return new ReceiverOutbox(ctx, timers, receiver, outbox, sender, settings);
    }));
  }

  private final TimerScheduler<Command> timers;
  private final Receiver receiver;
  private final AlertOutboxRepository outbox;
  private final NotificationSender sender;
  private final DeliverySettings settings;
  private final ArrayDeque<AlertOutboxRepository.Entry> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean woken;
  private int attempts;
  private long nextAllowedNanos;
  private long delivered;
  private long retries;
  private long rejected;
  private String lastError;
  private String doneOutcome;

  private ReceiverOutbox(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Receiver receiver,
      AlertOutboxRepository outbox,
      NotificationSender sender,
      DeliverySettings settings) {
    super(context);
    this.timers = timers;
    this.receiver = receiver;
    this.outbox = outbox;
    this.sender = sender;
    this.settings = settings;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Wake.INSTANCE, this::onWake)
        .onMessageEquals(Tick.INSTANCE, this::onWake)
        .onMessage(Loaded.class, this::onLoaded)
        .onMessageEquals(SendHead.INSTANCE, this::onSendHead)
        .onMessage(Sent.class, this::onSent)
        .onMessage(Marked.class, this::onMarked)
        .onMessageEquals(RecordDone.INSTANCE, this::onRecordDone)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onWake() {
    if (busy) {
      woken = true; // look again once the current batch is done
      return this;
    }
    load();
    return this;
  }

  private void load() {
    busy = true;
    woken = false;
    getContext().pipeToSelf(outbox.pending(receiver.name(), settings.batch()), Loaded::new);
  }

  private Behavior<Command> onLoaded(Loaded msg) {
    if (msg.failure() != null) {
      busy = false;
      lastError = "outbox not readable: " + msg.failure().getMessage();
      getContext().getLog().warn("Receiver {}: {}", receiver.name(), lastError);
      return this;
    }
    queue.clear();
    queue.addAll(msg.entries());
    next();
    return this;
  }

  private void next() {
    if (queue.isEmpty()) {
      if (woken) {
        load();
      } else {
        busy = false;
      }
      return;
    }
    long wait = nextAllowedNanos - System.nanoTime();
    if (wait > 0) {
      timers.startSingleTimer(SendHead.INSTANCE, Duration.ofNanos(wait));
    } else {
      onSendHead();
    }
  }

  private Behavior<Command> onSendHead() {
    AlertOutboxRepository.Entry head = queue.peek();
    nextAllowedNanos = System.nanoTime() + settings.minGap().toNanos();
    attempts++;
    getContext().pipeToSelf(
        sender.send(receiver.integrations().get(head.integration()), head.notification()),
        (outcome, failure) -> new Sent(failure == null ? outcome
            : DeliveryOutcome.retry(failure.getClass().getSimpleName(), null)));
    return this;
  }

  private Behavior<Command> onSent(Sent msg) {
    AlertOutboxRepository.Entry head = queue.peek();
    DeliveryOutcome o = msg.outcome();
    switch (o.kind()) {
      case DELIVERED -> {
        delivered++;
        markDone("delivered");
      }
      case REJECTED -> {
        rejected++;
        lastError = o.error();
        getContext().getLog().warn("Receiver {} rejected {} for good: {}", receiver.name(), head.id(), o.error());
        markDone("rejected: " + o.error());
      }
      case RETRY -> {
        retries++;
        lastError = o.error();
        Duration delay = o.retryAfter() != null
            ? o.retryAfter()
            : settings.backoff(attempts, ThreadLocalRandom.current().nextDouble());
        getContext().getLog().info("Receiver {}: {} not delivered ({}), attempt {}, next in {} ms",
            receiver.name(), head.id(), o.error(), attempts, delay.toMillis());
        timers.startSingleTimer(SendHead.INSTANCE, delay);
      }
    }
    return this;
  }

  private void markDone(String outcome) {
    doneOutcome = outcome;
    onRecordDone();
  }

  private Behavior<Command> onRecordDone() {
    AlertOutboxRepository.Entry head = queue.peek();
    getContext().pipeToSelf(
        outbox.markDone(receiver.name(), head.id(), doneOutcome, attempts), (ok, failure) -> new Marked(failure));
    return this;
  }

  private Behavior<Command> onMarked(Marked msg) {
    if (msg.failure() != null) {
      // Sent but not recorded: record again, and do not send it again from here.
      lastError = "delivery not recorded: " + msg.failure().getMessage();
      getContext().getLog().warn("Receiver {}: {}", receiver.name(), lastError);
      timers.startSingleTimer(RecordDone.INSTANCE, settings.minBackoff());
      return this;
    }
    queue.poll();
    attempts = 0;
    next();
    return this;
  }

  private Behavior<Command> onGetStats(GetStats msg) {
    msg.replyTo().tell(new DeliveryStats(receiver.name(), delivered, retries, rejected, queue.size(), lastError));
    return this;
  }
}

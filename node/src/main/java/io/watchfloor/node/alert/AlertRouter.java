package io.watchfloor.node.alert;

import io.watchfloor.node.alert.delivery.ReceiverOutbox;
import io.watchfloor.node.alert.group.AlertGroupState;
import io.watchfloor.node.alert.group.AlertGroupView;
import io.watchfloor.node.alert.group.AlertGroups;
import io.watchfloor.node.alert.receiver.NotificationSender;
import io.watchfloor.node.alert.playbook.ActionRecord;
import io.watchfloor.node.alert.playbook.PlaybookRunner;
import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.receiver.Receiver;
import io.watchfloor.node.alert.route.AlertLabels;
import io.watchfloor.node.alert.silence.Silence;
import io.watchfloor.node.metrics.LatencyHistogram;
import io.watchfloor.node.metrics.StageLatencies;
import io.watchfloor.node.store.AlertActionRepository;
import io.watchfloor.node.store.AlertGroupRepository;
import io.watchfloor.node.store.AlertOutboxRepository;
import io.watchfloor.node.store.SilenceRepository;
import io.watchfloor.protocol.CborSerializable;
import io.watchfloor.protocol.alert.Anomaly;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;

/**
 * Routes every anomaly on the anomaly topic: labels it, puts it into the alert groups of the routes
 * it matches, and writes what the groups say is due (after muting, inhibition and silences) to the
 * outbox, then wakes that receiver's delivery worker. A group's first firing notification runs the
 * matching playbooks once per alert (tickets go through the outbox too; the record to Cassandra).
 * Runs once per cluster (a cluster singleton), so grouping and dedup hold cluster-wide. Its groups
 * are stored as they change ({@link AlertGroupKeeper}) and loaded before it takes anything when it
 * starts on a node, so a hand-over neither forgets open groups nor sends them again as new.
 */
public final class AlertRouter extends AbstractBehavior<AlertRouter.Command> {
  private static final int STASH_CAPACITY = 10_000; // held while the groups load (state-load-timeout)

  public interface Command extends CborSerializable {}

  public record ListGroups(ActorRef<List<AlertGroupView>> replyTo) implements Command {}

  public record Acknowledge(String groupId, ActorRef<StatusReply<AlertGroupView>> replyTo) implements Command {}

  public record Resolve(String groupId, ActorRef<StatusReply<AlertGroupView>> replyTo) implements Command {}

  /** Silences changed in Cassandra: read them again now. */
  public enum ReloadSilences implements Command { INSTANCE }

  public record GetStats(ActorRef<AlertRouterStats> replyTo) implements Command {}

  /** The singleton's stop message: the router stops once its last group states are stored. */
  public enum Stop implements Command { INSTANCE }

  private enum GroupsStored implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private record AnomalyReceived(Anomaly anomaly) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private record Enqueued(Notification notification, Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  private record ActionsSaved(List<ActionRecord> records, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record RetryEnqueue(Notification notification) implements Command, NoSerializationVerificationNeeded {}

  private record SilencesLoaded(List<Silence> silences, Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  private record GroupsRestored(AlertGroupKeeper.Restored restored) implements Command, NoSerializationVerificationNeeded {}

  /** What the router needs: settings, its tables, a sender and a clock (tests inject one). */
  public record Dependencies(
      AlertingSettings settings,
      AlertOutboxRepository outbox,
      SilenceRepository silences,
      AlertActionRepository actions,
      AlertGroupRepository groupStates,
      NotificationSender sender,
      Clock clock) {}

  public static Behavior<Command> create(Dependencies deps, ActorRef<Topic.Command<Anomaly>> topic) {
    return Behaviors.setup(ctx -> Behaviors.withStash(STASH_CAPACITY, stash -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, deps.settings().tick());
      AlertRouter router = new AlertRouter(ctx, deps, topic);
      return HoldUntilReady.create(ctx, stash, Command.class, GroupsRestored.class, m -> m == Tick.INSTANCE,
          m -> router.onRestored(m.restored(), stash));
    })));
  }

  private final Dependencies deps;
  private final AlertGroups groups;
  private final Map<String, ActorRef<ReceiverOutbox.Command>> workers = new HashMap<>();
  private final Map<String, Integer> integrations = new HashMap<>();
  private final PlaybookRunner playbooks;
  private final ActorRef<AlertGroupKeeper.Command> keeper;
  private List<Silence> silences = List.of();
  private boolean loadingSilences;
  /** Nothing is sent before the silences were read once: a silenced alert must not slip out at start. */
  private boolean silencesRead;
  private long anomalies;
  private long enqueued;
  private long enqueueFailures;
  private int inFlight;
  private int groupsRestored;
  private final LatencyHistogram routingLatency;

  private AlertRouter(ActorContext<Command> context, Dependencies deps, ActorRef<Topic.Command<Anomaly>> topic) {
    super(context);
    context.setLoggerName(AlertRouter.class); // not whatever behavior is running at the first log line
    this.deps = deps;
    this.routingLatency = StageLatencies.get(context.getSystem()).alertRouting;
    AlertingSettings s = deps.settings();
    this.groups = new AlertGroups(s.routing(), s.resolveAfter(), s.flapWindow(), s.externalUrl());
    this.playbooks = new PlaybookRunner(s.playbooks());
    List<Receiver> receivers = new ArrayList<>(s.receivers());
    receivers.addAll(PlaybookRunner.ticketReceivers(s.playbooks()));
    for (Receiver r : receivers) {
      integrations.put(r.name(), r.integrations().size());
      if (!r.integrations().isEmpty()) {
        workers.put(r.name(), context.spawn(
            ReceiverOutbox.create(r, deps.outbox(), deps.sender(), s.delivery()), "receiver-" + r.name()));
      }
    }
    // Subscribed at once: what arrives while the groups load waits in the stash.
    topic.tell(Topic.subscribe(context.messageAdapter(Anomaly.class, AnomalyReceived::new)));
    keeper = context.spawn(AlertGroupKeeper.create(deps.groupStates(), s, deps.clock(),
        context.messageAdapter(AlertGroupKeeper.Restored.class, GroupsRestored::new)), "group-state");
    onReloadSilences();
  }

  private Behavior<Command> onRestored(AlertGroupKeeper.Restored r, StashBuffer<Command> stash) {
    if (r.problem() != null) {
      getContext().getLog().warn("Stored alert groups {}: the router starts without them", r.problem());
    } else {
      AlertGroups.Restored done = groups.restore(r.states());
      done.notifiedAlerts().forEach(playbooks::remember);
      groupsRestored = done.groups();
      getContext().getLog().info("Alert groups restored: {} open, {} flap records, {} unreadable rows skipped, {} dropped {}",
          done.groups(), done.flapRecords(), r.skipped(), done.dropped().size(), done.dropped().isEmpty() ? "" : done.dropped());
    }
    return stash.unstashAll(this);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(AnomalyReceived.class, this::onAnomaly)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Enqueued.class, this::onEnqueued)
        .onMessage(ActionsSaved.class, this::onActionsSaved)
        .onMessage(RetryEnqueue.class, m -> { enqueue(m.notification()); return this; })
        .onMessage(ListGroups.class, m -> { m.replyTo().tell(groups.list()); return this; })
        .onMessage(Acknowledge.class, m -> onManual(m.groupId(), groups.acknowledge(m.groupId(), deps.clock().instant()), m.replyTo()))
        .onMessage(Resolve.class, m -> onManual(m.groupId(), groups.resolve(m.groupId(), deps.clock().instant()), m.replyTo()))
        .onMessageEquals(ReloadSilences.INSTANCE, this::onReloadSilences)
        .onMessage(SilencesLoaded.class, this::onSilencesLoaded)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessageEquals(Stop.INSTANCE, () -> {
          saveChanges();
          keeper.tell(new AlertGroupKeeper.Flush(getContext().messageAdapter(Done.class, d -> GroupsStored.INSTANCE)));
          return this;
        })
        .onMessageEquals(GroupsStored.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> onAnomaly(AnomalyReceived msg) {
    long start = System.nanoTime();
    Anomaly a = msg.anomaly();
    anomalies++;
    Map<String, String> labels = AlertLabels.of(a, deps.settings().routing().hostTags());
    groups.add(labels, Notification.AlertItem.of(a, labels, deps.settings().externalUrl()), deps.clock().instant());
    flush();
    routingLatency.recordSince(start);
    return this;
  }

  private Behavior<Command> onTick() {
    flush();
    if (!loadingSilences) {
      onReloadSilences();
    }
    return this;
  }

  /** Queues what is due (once the silences are known) and hands the changed groups to the keeper. */
  private void flush() {
    if (silencesRead) {
      Instant now = deps.clock().instant();
      for (Notification n : groups.due(now, labels -> silences.stream().anyMatch(s -> s.activeAt(now) && s.matches(labels)))) {
        enqueue(n);
        if (n.status() == Notification.Status.FIRING && !playbooks.isEmpty()) {
          playbooks.runOnce(AlertGroups.groupId(n.receiver(), n.groupKey()), n).ifPresent(this::runPlaybooks);
        }
      }
    }
    saveChanges();
  }

  private void saveChanges() {
    List<AlertGroupState> changed = groups.takeChanges();
    if (!changed.isEmpty()) {
      keeper.tell(new AlertGroupKeeper.Save(changed));
    }
  }

  private void runPlaybooks(PlaybookRunner.Outcome o) {
    o.tickets().forEach(this::enqueue);
    if (!o.records().isEmpty()) {
      getContext().pipeToSelf(deps.actions().saveAll(o.records()), (ok, failure) -> new ActionsSaved(o.records(), failure));
    }
  }

  private Behavior<Command> onActionsSaved(ActionsSaved msg) {
    if (msg.failure() != null) {
      getContext().getLog().warn("Playbook record of {} actions not stored ({}), retrying",
          msg.records().size(), msg.failure().getMessage());
      getContext().pipeToSelf(deps.actions().saveAll(msg.records()), (ok, failure) -> new ActionsSaved(msg.records(), failure));
    }
    return this;
  }

  private void enqueue(Notification n) {
    int count = integrations.getOrDefault(n.receiver(), 0);
    if (count == 0) {
      return; // a receiver without integrations drops what it gets, as in Alertmanager
    }
    inFlight++;
    getContext().pipeToSelf(deps.outbox().enqueue(n, count), (ok, failure) -> new Enqueued(n, failure));
  }

  private Behavior<Command> onEnqueued(Enqueued msg) {
    inFlight--;
    if (msg.failure() != null) {
      // Not in the outbox yet: try again; until then it lives only here.
      enqueueFailures++;
      getContext().getLog().warn("Notification {} not written to the outbox ({}), retrying",
          msg.notification().id(), msg.failure().getMessage());
      getContext().scheduleOnce(deps.settings().delivery().minBackoff(), getContext().getSelf(), new RetryEnqueue(msg.notification()));
      return this;
    }
    enqueued++;
    workers.get(msg.notification().receiver()).tell(ReceiverOutbox.Wake.INSTANCE);
    return this;
  }

  private Behavior<Command> onManual(
      String id, Optional<AlertGroups.Change> change, ActorRef<StatusReply<AlertGroupView>> replyTo) {
    if (change.isEmpty()) {
      replyTo.tell(StatusReply.error("no open alert group " + id));
      return this;
    }
    enqueue(change.get().notification());
    saveChanges();
    replyTo.tell(StatusReply.success(change.get().group()));
    return this;
  }

  private Behavior<Command> onReloadSilences() {
    loadingSilences = true;
    getContext().pipeToSelf(deps.silences().all(), SilencesLoaded::new);
    return this;
  }

  private Behavior<Command> onSilencesLoaded(SilencesLoaded msg) {
    loadingSilences = false;
    if (msg.failure() != null) {
      getContext().getLog().warn("Silences not readable, keeping the last ones: {}", msg.failure().getMessage());
    } else {
      silences = List.copyOf(msg.silences());
      if (!silencesRead) {
        silencesRead = true;
        flush();
      }
    }
    return this;
  }

  private Behavior<Command> onGetStats(GetStats msg) {
    msg.replyTo().tell(new AlertRouterStats(anomalies, enqueued, enqueueFailures, inFlight, groups.list().size(), groupsRestored));
    return this;
  }
}

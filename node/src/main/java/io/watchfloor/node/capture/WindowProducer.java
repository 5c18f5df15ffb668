package io.watchfloor.node.capture;

import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.node.metrics.LatencyHistogram;
import io.watchfloor.node.metrics.StageLatencies;
import io.watchfloor.protocol.host.HostWindow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.delivery.ShardingProducerController;

/**
 * The producer side of one capture run's reliable delivery: {@code delivery-lanes}
 * {@link ShardingProducerController}s (producer id: segment and run, URL-encoded, and the lane) that
 * send the run's host windows to their host entities, and the stream stage in front of them. A host
 * always goes to the same lane (by its entity id), so its windows arrive in order. Lanes exist
 * because Pekko's controller, for every message it takes, lists every entity it has sent to (its
 * {@code RequestNext}); with one controller for thousands of hosts that listing was most of the
 * capture's time.
 *
 * <p>The capture stream hands over one window at a time and gets the next pull only when the window's
 * lane has asked for a message, so when host entities fall behind (their consumer controllers grant
 * no more demand, the controller's buffer for entities without demand is full) or more than
 * {@code in-flight-windows} windows are unconfirmed, capture stops reading: back-pressure reaches
 * the packet source, where a live interface's kernel drops are counted. Waiting is counted too
 * ({@link Progress}).
 *
 * <p>There is no durable producer queue: a window lost with this node is produced again by the
 * segment's own replay (see {@code SegmentCapture}), and the hosts' window marks skip what they
 * already learned. The run ends ({@link Ended}) once every window is confirmed, i.e. stored.
 */
final class WindowProducer extends AbstractBehavior<WindowProducer.Command> {

  interface Command {}

  /** Bound of the send times kept for the window_delivery latency (far above in-flight-windows). */
  private static final int SENT_TIMES_KEPT = 4_096;

  /** The stream's acknowledgement: send the next window. */
  enum Ack implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  record StreamStarted(ActorRef<Ack> ackTo) implements Command, NoSerializationVerificationNeeded {}

  /** Consecutive windows of one host ({@link HostBatches}), sent as one message. */
  record Windows(List<HostWindow> windows, ActorRef<Ack> ackTo) implements Command, NoSerializationVerificationNeeded {}

  enum StreamCompleted implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  record StreamFailed(Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  /** Told to the segment once the stream has ended and every window it sent is confirmed. */
  record Ended(Throwable failure) implements NoSerializationVerificationNeeded {}

  /** Counters the segment reports; written here only. */
  static final class Progress {
    final AtomicLong windowsConfirmed = new AtomicLong();
    /** Messages sent: one host's windows each. */
    final AtomicLong deliveries = new AtomicLong();
    final AtomicLong anomalies = new AtomicLong();
    /** Times the stream had a window ready and no demand from the hosts' side. */
    final AtomicLong demandWaits = new AtomicLong();
    final AtomicLong demandWaitNanos = new AtomicLong();
  }

  private record Demand(int lane, ShardingProducerController.RequestNext<HostMonitor.Command> next)
      implements Command, NoSerializationVerificationNeeded {}

  private enum Confirmed implements Command, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private record Reported(HostMonitor.WindowApplied applied) implements Command, NoSerializationVerificationNeeded {}

  static Behavior<Command> create(
      String producerId, String run, int maxUnconfirmed, int lanes, Progress progress, ActorRef<Ended> endedTo) {
    return Behaviors.setup(ctx -> new WindowProducer(ctx, producerId, run, maxUnconfirmed, lanes, progress, endedTo));
  }

  private final String run;
  private final int maxUnconfirmed;
  private final Progress progress;
  private final ActorRef<Ended> endedTo;
  private final ActorRef<Done> confirmedTo;
  private final ActorRef<HostMonitor.WindowApplied> reportTo;
  private final LatencyHistogram deliveryLatency;
  /** Send time of each window not yet reported applied, by host key and window start. */
  private final Map<String, Long> sentAtNanos = new HashMap<>();

  /** Per lane, the controller's standing request for a message, or null. */
  private final ShardingProducerController.RequestNext<HostMonitor.Command>[] demand;
  private Windows ready;
  private long readySinceNanos;
  private long unconfirmed;
  private boolean streamEnded;
  private Throwable failure;

  private WindowProducer(
      ActorContext<Command> ctx, String producerId, String run, int maxUnconfirmed, int lanes, Progress progress,
      ActorRef<Ended> endedTo) {
    super(ctx);
    this.run = run;
    this.maxUnconfirmed = maxUnconfirmed;
    this.progress = progress;
    this.endedTo = endedTo;
    this.confirmedTo = ctx.messageAdapter(Done.class, done -> Confirmed.INSTANCE);
    this.reportTo = ctx.messageAdapter(HostMonitor.WindowApplied.class, Reported::new);
    this.deliveryLatency = StageLatencies.get(ctx.getSystem()).windowDelivery;
    @SuppressWarnings("unchecked")
    ShardingProducerController.RequestNext<HostMonitor.Command>[] none = new ShardingProducerController.RequestNext[lanes];
    this.demand = none;
    for (int lane = 0; lane < lanes; lane++) {
      ActorRef<ShardingProducerController.Command<HostMonitor.Command>> controller =
          ctx.spawn(
              ShardingProducerController.create(
                  HostMonitor.Command.class, producerId + "-" + lane, HostMonitor.windowRegion(ctx.getSystem()),
                  Optional.empty()),
              "controller-" + lane);
      controller.tell(new ShardingProducerController.Start<>(ctx.spawn(laneDemand(ctx.getSelf(), lane), "demand-" + lane)));
    }
  }

  /** Tags a lane controller's RequestNext with its lane (one message adapter serves one class only). */
  private static Behavior<ShardingProducerController.RequestNext<HostMonitor.Command>> laneDemand(
      ActorRef<Command> producer, int lane) {
    return Behaviors.receiveMessage(next -> {
      producer.tell(new Demand(lane, next));
      return Behaviors.same();
    });
  }

  private int laneOf(String entityId) {
    return Math.floorMod(entityId.hashCode(), demand.length);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StreamStarted.class, msg -> {
          msg.ackTo().tell(Ack.INSTANCE);
          return this;
        })
        .onMessage(Windows.class, this::onWindows)
        .onMessage(Demand.class, this::onDemand)
        .onMessageEquals(Confirmed.INSTANCE, this::onConfirmed)
        .onMessage(Reported.class, this::onReported)
        .onMessageEquals(StreamCompleted.INSTANCE, () -> onStreamEnded(null))
        .onMessage(StreamFailed.class, msg -> onStreamEnded(msg.failure()))
        .build();
  }

  private Behavior<Command> onWindows(Windows msg) {
    ready = msg;
    readySinceNanos = System.nanoTime();
    return sendIfDemanded();
  }

  private Behavior<Command> onDemand(Demand msg) {
    demand[msg.lane()] = msg.next();
    return sendIfDemanded();
  }

  private Behavior<Command> onConfirmed() {
    unconfirmed--;
    return sendIfDemanded();
  }

  private Behavior<Command> onReported(Reported msg) {
    HostMonitor.WindowApplied applied = msg.applied();
    progress.windowsConfirmed.addAndGet(applied.windows());
    progress.anomalies.addAndGet(applied.anomalyIds().size());
    Long sent = sentAtNanos.remove(sentKey(applied.hostKey(), applied.windowStartMillis()));
    if (sent != null) {
      // Every window of the delivery was sent and applied together: each counts once, as on its own.
      long nanos = System.nanoTime() - sent;
      for (int i = 0; i < applied.windows(); i++) {
        deliveryLatency.recordNanos(nanos);
      }
    }
    return this;
  }

  private static String sentKey(String hostKey, long windowStartMillis) {
    return hostKey + '@' + windowStartMillis;
  }

  private Behavior<Command> onStreamEnded(Throwable streamFailure) {
    streamEnded = true;
    failure = streamFailure;
    return endIfDone();
  }

  private Behavior<Command> sendIfDemanded() {
    if (ready == null) {
      return endIfDone();
    }
    HostWindow w = ready.windows().get(0);
    String entityId = HostMonitor.entityId(w.hostKey());
    int lane = laneOf(entityId);
    if (demand[lane] == null || unconfirmed >= maxUnconfirmed) {
      return this;
    }
    long waited = System.nanoTime() - readySinceNanos;
    if (waited > 1_000_000) {
      progress.demandWaits.incrementAndGet();
      progress.demandWaitNanos.addAndGet(waited);
    }
    if (sentAtNanos.size() >= SENT_TIMES_KEPT) {
      sentAtNanos.clear(); // reports of a host that moved can be lost: the metric skips them
    }
    sentAtNanos.put(sentKey(w.hostKey(), w.windowStartMillis()), System.nanoTime());
    demand[lane].askNextTo().tell(new ShardingProducerController.MessageWithConfirmation<>(
        entityId, new HostMonitor.CaptureWindows(ready.windows(), run, reportTo), confirmedTo));
    demand[lane] = null;
    unconfirmed++;
    progress.deliveries.incrementAndGet();
    ActorRef<Ack> ackTo = ready.ackTo();
    ready = null;
    ackTo.tell(Ack.INSTANCE);
    return this;
  }

  private Behavior<Command> endIfDone() {
    if (streamEnded && ready == null && unconfirmed == 0) {
      endedTo.tell(new Ended(failure));
      return Behaviors.stopped();
    }
    return this;
  }
}

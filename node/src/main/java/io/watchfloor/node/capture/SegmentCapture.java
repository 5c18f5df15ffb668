package io.watchfloor.node.capture;

import io.watchfloor.models.ModelSettings;
import io.watchfloor.models.window.CaptureCounters;
import io.watchfloor.models.window.HostWindowAggregator;
import io.watchfloor.models.window.SegmentWindows;
import io.watchfloor.node.evidence.EvidenceStore;
import io.watchfloor.node.evidence.NodeEvidence;
import io.watchfloor.node.store.SegmentRepository;
import io.watchfloor.node.store.SegmentRepository.StoredSegment;
import io.watchfloor.protocol.CborSerializable;
import io.watchfloor.protocol.api.SegmentStatus;
import io.watchfloor.protocol.host.HostWindow;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * One monitored segment (an interface or a capture file). Runs the capture stream: packets are read
 * and decoded on the capture dispatcher, aggregated into per-host window deltas, and each delta is
 * delivered to its host entity through Pekko reliable delivery ({@link WindowProducer}) and
 * confirmed once the host has stored what it found. Capture reads on only when the hosts' side asks
 * for more, so a slow host side slows capture down instead of losing anything.
 */
public final class SegmentCapture extends AbstractBehavior<SegmentCapture.Command> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "SegmentCapture");
  private static final String DISPATCHER = "watchfloor.capture.dispatcher";

  /** What every capture entity of a node shares. */
  public record Dependencies(
      String site, ModelSettings models, CaptureSettings settings, SegmentRepository segments) {}

  /**
   * Each segment is its own shard, placed by {@link SegmentPlacement}: a live capture on the node
   * that owns its interface, any other segment on the node that started it. Segments are remembered,
   * so when their node fails they start again on another node of the site and resume from what
   * Cassandra says they capture.
   */
  public static void init(ActorSystem<?> system, Dependencies deps) {
    ClusterSharding.get(system)
        .init(
            Entity.of(TYPE_KEY, ctx -> create(ctx.getEntityId(), deps))
                .withMessageExtractor(SegmentPlacement.oneShardPerSegment())
                .withAllocationStrategy(SegmentPlacement.strategy(system, TYPE_KEY))
                // A capture is not idle when nobody talks to it: never passivate.
                .withSettings(
                    ClusterShardingSettings.create(system).withNoPassivationStrategy().withRememberEntities(true)));
  }

  public interface Command extends CborSerializable {}

  /** Starts capturing; replies once the capture is running (or why it cannot start). */
  /**
   * @param origin cluster address of the node asking: a live interface is captured only there
   */
  public record Start(CaptureSpec spec, String origin, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** The error a live Start gets while its segment has not moved to the asking node yet. */
  public static final String NOT_ON_ORIGIN = "segment is not on the node of its interface yet";

  public record GetStatus(ActorRef<SegmentStatus> replyTo) implements Command {}

  public record StopCapture(ActorRef<Done> replyTo) implements Command {}

  private record SourceOpened(PacketSource source, Throwable failure, ActorRef<StatusReply<Done>> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  private record NetflowBound(InetSocketAddress address, Throwable failure, ActorRef<StatusReply<Done>> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  private record Finished(Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  private record StoredLoaded(Optional<StoredSegment> stored, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  public static Behavior<Command> create(String segment, Dependencies deps) {
    return Behaviors.withStash(
        100, stash -> Behaviors.setup(ctx -> new SegmentCapture(ctx, stash, segment, deps)));
  }

  private final String segment;
  private final Dependencies deps;
  private final ActorRef<WindowProducer.Ended> producerEnded;
  private WindowProducer.Progress delivered = new WindowProducer.Progress();
  private int producers;
  private CaptureSpec spec;
  /** Id of the current capture run: hosts skip replayed windows of the same run only. */
  private String captureRun;
  private CaptureProgress progress = new CaptureProgress();
  private UniqueKillSwitch killSwitch;
  private String boundNetflow;
  private String state = "IDLE";
  private String error;
  private boolean badInput;
  private long startedAt;
  private long finishedAt;

  private final StashBuffer<Command> stash;
  private final SegmentRecord record;
  private boolean recovered;

  private SegmentCapture(
      ActorContext<Command> context, StashBuffer<Command> stash, String segment, Dependencies deps) {
    super(context);
    this.stash = stash;
    this.segment = segment;
    this.deps = deps;
    this.producerEnded = context.messageAdapter(WindowProducer.Ended.class, e -> new Finished(e.failure()));
    this.record = new SegmentRecord(deps.segments(), deps.site(), segment,
        Cluster.get(context.getSystem()).selfMember().address().toString());
    context.pipeToSelf(record.load(), StoredLoaded::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StoredLoaded.class, this::onStoredLoaded)
        .onMessage(Command.class, msg -> !recovered, this::stashUntilRecovered)
        .onMessage(Start.class, this::onStart)
        .onMessage(SourceOpened.class, this::onSourceOpened)
        .onMessage(NetflowBound.class, this::onNetflowBound)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(StopCapture.class, this::onStop)
        .onMessage(Finished.class, this::onFinished)
        .build();
  }

  private Behavior<Command> stashUntilRecovered(Command msg) {
    stash.stash(msg);
    return this;
  }

  /**
   * A segment that was capturing when its previous node failed starts again with the same input:
   * a file from its beginning (hosts skip the windows they already learned from), a live interface
   * or NetFlow port anew. A live interface resumes only on its own node: elsewhere the segment
   * waits until that node is back and starts it again. An explicit Start waiting in the stash wins
   * over resuming.
   */
  private Behavior<Command> onStoredLoaded(StoredLoaded msg) {
    recovered = true;
    if (msg.failure() != null) {
      getContext().getLog().warn("Segment {}: stored state unreadable, not resuming: {}", segment, msg.failure().toString());
    } else if (msg.stored().isPresent()
        && SegmentRecord.RUNNING.equals(msg.stored().get().state())
        && !stash.anyMatch(m -> m instanceof Start)) {
      StoredSegment s = msg.stored().get();
      CaptureSpec resumed = record.specOf(s);
      Optional<String> notHere = record.whyNotHere(s);
      if (notHere.isPresent()) {
        state = "WAITING";
        error = notHere.get();
        spec = resumed;
        getContext().getLog().warn("Segment {}: {}", segment, error);
      } else {
        getContext().getLog().info("Segment {} resumes {} on this node", segment, resumed.describe());
        ActorRef<StatusReply<Done>> ignore = getContext().getSystem().ignoreRef();
        startCapture(resumed, s.run(), ignore);
      }
    } else if (msg.stored().isPresent() && !SegmentRecord.RUNNING.equals(msg.stored().get().state())) {
      // (a RUNNING row with an explicit Start waiting: that Start starts the capture anew)
      state = msg.stored().get().state();
    }
    return stash.unstashAll(this);
  }

  /**
   * A Start of what the segment already captures succeeds without a new run: a node that restarts
   * with its configured sources asks again for a segment that resumed by itself, here or elsewhere
   * (while STARTING, the reply comes before the source is open; a resumed source opened before).
   */
  private Behavior<Command> onStart(Start msg) {
    CaptureSpec s = msg.spec();
    if (s.networkInterface() != null && !record.isThisNode(msg.origin())) {
      msg.replyTo().tell(StatusReply.error(NOT_ON_ORIGIN));
      return this;
    }
    if ("STARTING".equals(state) || "RUNNING".equals(state)) {
      msg.replyTo().tell(s.equals(spec)
          ? StatusReply.ack()
          : StatusReply.error("segment " + segment + " is already capturing " + spec.describe()));
      return this;
    }
    startCapture(s, record.recordStart(s), msg.replyTo());
    return this;
  }

  private void startCapture(CaptureSpec started, String startedRun, ActorRef<StatusReply<Done>> replyTo) {
    spec = started;
    captureRun = startedRun;
    progress = new CaptureProgress();
    delivered = new WindowProducer.Progress();
    error = null;
    badInput = false;
    boundNetflow = null;
    state = "STARTING";
    startedAt = System.currentTimeMillis();
    finishedAt = 0;
    if (spec.receivesNetflow()) {
      startNetflow(replyTo);
      return;
    }
    // Opening blocks (file mapping, libpcap activation): done on the capture dispatcher, and the
    // caller hears back only once packets can flow, or why they cannot.
    CaptureSpec s = spec;
    Executor blocking =
        getContext().getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
    EvidenceStore evidence = NodeEvidence.get(getContext().getSystem()).store().orElse(null);
    getContext().pipeToSelf(
        CompletableFuture.supplyAsync(() -> PacketSources.open(s, deps.settings(), evidence), blocking),
        (source, failure) -> new SourceOpened(source, failure, replyTo));
  }

  private Behavior<Command> onSourceOpened(SourceOpened msg) {
    if (msg.failure() != null) {
      Throwable cause = rootInputError(msg.failure());
      state = "FAILED";
      record.recordEnd(state);
      error = cause.getMessage();
      badInput = cause instanceof CaptureInputException;
      finishedAt = System.currentTimeMillis();
      getContext().getLog().warn("Segment {} cannot capture {}: {}", segment, spec.describe(), error);
      msg.replyTo().tell(StatusReply.error(error));
      return this;
    }
    state = "RUNNING";
    CaptureProgress p = progress;
    PacketSource source = msg.source();
    SegmentWindows windows =
        deps.models().newSegmentWindows(deps.site(), segment);
    run(Source.unfoldResource(
            () -> new WindowBatchIterator(source, windows, p),
            it -> it.hasNext() ? Optional.of(it.next()) : Optional.<List<HostWindow>>empty(),
            WindowBatchIterator::close)
        .withAttributes(ActorAttributes.dispatcher(DISPATCHER)), !spec.live());
    msg.replyTo().tell(StatusReply.ack());
    return this;
  }

  private void startNetflow(ActorRef<StatusReply<Done>> replyTo) {
    InetSocketAddress unresolved = CaptureSpec.netflowAddress(spec.netflow(), segment);
    InetSocketAddress bind = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
    CompletionStage<InetSocketAddress> bound =
        run(NetflowWindows.source(getContext().getSystem(), bind, deps.settings().netflowReceiveBufferBytes(),
            newAggregator(), progress), false);
    getContext().pipeToSelf(bound, (address, failure) -> new NetflowBound(address, failure, replyTo));
  }

  private Behavior<Command> onNetflowBound(NetflowBound msg) {
    if (msg.failure() != null) {
      // The stream fails too and reports FAILED through Finished; the caller hears why now.
      error = "cannot receive NetFlow on " + spec.netflow() + ": " + msg.failure().getMessage();
      badInput = true;
      msg.replyTo().tell(StatusReply.error(error));
      return this;
    }
    state = "RUNNING";
    boundNetflow = msg.address().getHostString() + ":" + msg.address().getPort();
    getContext().getLog().info("Segment {} receiving NetFlow/IPFIX on udp {}", segment, boundNetflow);
    msg.replyTo().tell(StatusReply.ack());
    return this;
  }

  private HostWindowAggregator newAggregator() {
    return new HostWindowAggregator(deps.site(), segment, deps.models().window());
  }

  /**
   * Delivers the windows a source produces to host entities, through a producer of its own for this
   * run; returns the source's materialised value. The capture ends (Finished) once the stream has
   * ended and every window it produced is confirmed. Several closed capture windows go as one
   * delivery per host ({@link HostBatches}): a capture file always groups {@code delivery-batch}
   * of them (nobody waits on a replay's latency, and every delivery costs a reliable-delivery round
   * trip), a live source only those that waited while the hosts' side was busy, so when it keeps up
   * every window goes on its own at once.
   *
   * @param replay the source is a capture file, read as fast as the hosts take its windows
   */
  private <M> M run(Source<List<HostWindow>, M> windows, boolean replay) {
    ActorRef<WindowProducer.Command> producer =
        getContext().spawn(
            WindowProducer.create(
                URLEncoder.encode(segment + "|" + captureRun, StandardCharsets.UTF_8), captureRun,
                deps.settings().inFlightWindows(), deps.settings().deliveryLanes(), delivered, producerEnded),
            "windows-" + ++producers);
    int perDelivery = deps.settings().deliveryBatch();
    Source<List<List<HostWindow>>, M> grouped =
        replay
            ? windows.grouped(perDelivery)
            : windows.<List<List<HostWindow>>>batch(
                perDelivery,
                first -> {
                  List<List<HostWindow>> waiting = new ArrayList<>();
                  waiting.add(first);
                  return waiting;
                },
                (waiting, next) -> {
                  waiting.add(next);
                  return waiting;
                });
    Source<List<HostWindow>, M> each = grouped.mapConcat(HostBatches::byHost);
    int rate = deps.settings().maxWindowsPerSecond();
    if (rate > 0) {
      each = each.throttle(rate, Duration.ofSeconds(1), List::size);
    }
    var running =
        each
            .viaMat(KillSwitches.single(), Keep.both())
            .toMat(
                ActorSink.<List<HostWindow>, WindowProducer.Command, WindowProducer.Ack>actorRefWithBackpressure(
                    producer,
                    (ackTo, w) -> new WindowProducer.Windows(w, ackTo),
                    WindowProducer.StreamStarted::new,
                    WindowProducer.Ack.INSTANCE,
                    WindowProducer.StreamCompleted.INSTANCE,
                    WindowProducer.StreamFailed::new),
                Keep.left())
            .run(getContext().getSystem());
    killSwitch = running.second();
    getContext().getLog().info("Segment {} capturing {}", segment, spec.describe());
    return running.first();
  }

  private Behavior<Command> onFinished(Finished msg) {
    finishedAt = System.currentTimeMillis();
    killSwitch = null;
    if (msg.failure() != null) {
      Throwable cause = rootInputError(msg.failure());
      state = "FAILED";
      record.recordEnd(state);
      if (error == null) {
        error = cause.getMessage();
        badInput = cause instanceof CaptureInputException;
      }
      getContext().getLog().warn("Segment {} capture failed: {}", segment, error);
    } else {
      state = "COMPLETED";
      record.recordEnd(state);
      error = progress.inputError();
      badInput = error != null;
      getContext().getLog().info("Segment {} capture completed{}", segment, error == null ? "" : " early: " + error);
    }
    getContext().getLog().info(
        "Segment {}: {} host windows confirmed in {} deliveries, {} anomalies; capture waited for host demand {} times, {} ms",
        segment, delivered.windowsConfirmed.get(), delivered.deliveries.get(), delivered.anomalies.get(),
        delivered.demandWaits.get(),
        delivered.demandWaitNanos.get() / 1_000_000);
    return this;
  }

  private static Throwable rootInputError(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof CaptureInputException) {
        return c;
      }
      c = c.getCause();
    }
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private Behavior<Command> onGetStatus(GetStatus msg) {
    CaptureCounters.Snapshot c = progress.counters();
    msg.replyTo()
        .tell(
            new SegmentStatus(
                segment,
                spec == null ? "" : boundNetflow != null ? "NetFlow/IPFIX on udp " + boundNetflow : spec.describe(),
                state,
                record.node(),
                error,
                badInput,
                c.packets(),
                c.bytes(),
                c.malformed(),
                c.malformedByKind(),
                c.nonIp(),
                c.hostOverflow(),
                c.flows(),
                c.hosts(),
                progress.position(),
                progress.size(),
                progress.kernelDrops(),
                progress.decodeErrors(),
                delivered.windowsConfirmed.get(),
                delivered.anomalies.get(),
                startedAt,
                finishedAt));
    return this;
  }

  private Behavior<Command> onStop(StopCapture msg) {
    if (killSwitch != null) {
      killSwitch.shutdown();
    }
    msg.replyTo().tell(Done.getInstance());
    return this;
  }
}

package io.watchfloor.node.host;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.delivery.ShardingConsumerController;

/**
 * The behavior of a sharded host entity: Pekko's {@link ShardingConsumerController}, whose consumer
 * is the {@link HostMonitor}, plus a thin interceptor in front of it.
 *
 * <p>Why the interceptor: a ShardingConsumerController entity only takes the sequenced messages of
 * reliable delivery, but the same entity also answers the HTTP API ({@code GetState},
 * {@code ApplyFeedback}) and sharding's {@code Passivate}. A second entity type for those would be a
 * second, independently placed copy of the host; instead the entity keeps one type key
 * ({@link HostMonitor#TYPE_KEY}) and the interceptor hands every message that is not part of
 * reliable delivery to the HostMonitor child. It learns that child's address from the HostMonitor
 * itself, and stops the entity when the HostMonitor stops (after its passivation snapshot).
 */
final class HostEntity {
  private HostEntity() {}

  /**
   * The entity id of a host: its key ("site/ip") URL-encoded. Reliable delivery names its
   * per-entity actors after the entity id, and a '/' is not allowed in an actor name.
   */
  static String entityId(String hostKey) {
    return URLEncoder.encode(hostKey, StandardCharsets.UTF_8);
  }

  static String hostKey(String entityId) {
    return URLDecoder.decode(entityId, StandardCharsets.UTF_8);
  }

  /** Sent by the HostMonitor to its entity when it starts; never leaves the entity. */
  record Registered(ActorRef<HostMonitor.Command> host) implements NoSerializationVerificationNeeded {}

  static Behavior<HostMonitor.Command> create(String entityId, HostMonitor.Dependencies deps) {
    Behavior<ConsumerController.SequencedMessage<HostMonitor.Command>> consumer =
        ShardingConsumerController.create(start -> HostMonitor.create(hostKey(entityId), deps, start));
    return Behaviors.intercept(ToHostMonitor::new, consumer).narrow();
  }

  private static final class ToHostMonitor
      extends BehaviorInterceptor<Object, ConsumerController.SequencedMessage<HostMonitor.Command>> {
    private ActorRef<HostMonitor.Command> host;
    /** Messages that arrived before the HostMonitor registered (the one that woke the entity). */
    private final List<HostMonitor.Command> early = new ArrayList<>();

    ToHostMonitor() {
      super(Object.class);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Behavior<ConsumerController.SequencedMessage<HostMonitor.Command>> aroundReceive(
        TypedActorContext<Object> ctx,
        Object msg,
        ReceiveTarget<ConsumerController.SequencedMessage<HostMonitor.Command>> target) {
      if (msg instanceof Registered r) {
        host = r.host();
        ctx.asJava().watch(host);
        early.forEach(host::tell);
        early.clear();
        return Behaviors.same();
      }
      if (msg instanceof HostMonitor.Command c) {
        if (host == null) {
          early.add(c);
        } else {
          host.tell(c);
        }
        return Behaviors.same();
      }
      // SequencedMessage from producers, and Start from the HostMonitor: reliable delivery's own.
      // (raw: Start is not a SequencedMessage, yet the consumer controller's behavior takes both)
      return ((ReceiveTarget) target).apply(ctx, msg);
    }

    @Override
    public Behavior<ConsumerController.SequencedMessage<HostMonitor.Command>> aroundSignal(
        TypedActorContext<Object> ctx,
        Signal signal,
        SignalTarget<ConsumerController.SequencedMessage<HostMonitor.Command>> target) {
      if (signal instanceof Terminated t && t.getRef().equals(host)) {
        return Behaviors.stopped();
      }
      return target.apply(ctx, signal);
    }
  }
}

package io.watchfloor.node.capture;

import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ShardAllocationStrategy;
import org.apache.pekko.util.Timeout;
import scala.Function1;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.external.ExternalShardAllocation;
import org.apache.pekko.cluster.sharding.external.ExternalShardAllocationStrategy;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Where capture segments run. A live interface exists on one machine only, so its segment is pinned
 * there through Pekko's external shard allocation (the node that starts it records its own address
 * as the shard's location). A file or NetFlow segment has no recorded location and runs on the node
 * that asked for it first. When a node fails, its segments move to a surviving node of the site.
 */
public final class SegmentPlacement {
  private static final Duration ALLOCATION_TIMEOUT = Duration.ofSeconds(5);

  private SegmentPlacement() {}

  static ShardAllocationStrategy strategy(ActorSystem<?> system, EntityTypeKey<?> typeKey) {
    return new PinnedOrLeastLoaded(system, typeKey.name());
  }

  /**
   * External allocation for pinned segments. An unpinned shard goes to the requester, as in Pekko's
   * strategy, but when the coordinator itself restarts remembered shards of a failed node there is
   * no requesting region: those go to the region with the fewest shards.
   */
  private static final class PinnedOrLeastLoaded extends ExternalShardAllocationStrategy {
    private final ExecutionContext executor;

    PinnedOrLeastLoaded(ActorSystem<?> system, String typeName) {
      super(system, typeName, Timeout.create(ALLOCATION_TIMEOUT));
      this.executor = system.executionContext();
    }

    @Override
    public Future<ActorRef> allocateShard(
        ActorRef requester, String shardId, scala.collection.immutable.Map<ActorRef, IndexedSeq<String>> current) {
      Function1<ActorRef, ActorRef> registeredRegion =
          chosen -> current.contains(chosen) || current.isEmpty() ? chosen : leastLoaded(current);
      return super.allocateShard(requester, shardId, current).map(registeredRegion, executor);
    }

    private static ActorRef leastLoaded(scala.collection.immutable.Map<ActorRef, IndexedSeq<String>> current) {
      ActorRef best = null;
      int fewest = Integer.MAX_VALUE;
      for (Map.Entry<ActorRef, IndexedSeq<String>> e : CollectionConverters.asJava(current).entrySet()) {
        if (e.getValue().size() < fewest) {
          fewest = e.getValue().size();
          best = e.getKey();
        }
      }
      return best;
    }
  }

  /** Each segment is its own shard, so placement is per segment. */
  static <M> ShardingMessageExtractor<ShardingEnvelope<M>, M> oneShardPerSegment() {
    return new ShardingMessageExtractor<>() {
      @Override
      public String entityId(ShardingEnvelope<M> envelope) {
        return envelope.entityId();
      }

      @Override
      public String shardId(String entityId) {
        return entityId;
      }

      @Override
      public M unwrapMessage(ShardingEnvelope<M> envelope) {
        return envelope.message();
      }
    };
  }

  /** Pins a segment to this node (before it is first started); completes when the location is recorded. */
  public static CompletionStage<Done> pinHere(ActorSystem<?> system, String segment) {
    Address self = Cluster.get(system).selfMember().address();
    return ExternalShardAllocation.get(system)
        .getClient(SegmentCapture.TYPE_KEY.name())
        .setShardLocation(segment, self);
  }
}

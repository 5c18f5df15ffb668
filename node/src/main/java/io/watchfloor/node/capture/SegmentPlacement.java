package io.watchfloor.node.capture;

import org.apache.pekko.Done;
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

  static ExternalShardAllocationStrategy strategy(ActorSystem<?> system, EntityTypeKey<?> typeKey) {
    return ExternalShardAllocationStrategy.create(system, typeKey.name(), ALLOCATION_TIMEOUT);
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

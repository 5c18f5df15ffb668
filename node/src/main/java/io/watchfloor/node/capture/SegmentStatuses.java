package io.watchfloor.node.capture;

import io.watchfloor.protocol.api.SegmentStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Asks capture entities for their status: one by name, or every one a node should list. */
public final class SegmentStatuses {
  private static final Duration ASK = Duration.ofSeconds(10);

  private SegmentStatuses() {}

  public static CompletionStage<SegmentStatus> of(ActorSystem<?> system, String segment) {
    return ClusterSharding.get(system)
        .entityRefFor(SegmentCapture.TYPE_KEY, segment)
        .ask(SegmentCapture.GetStatus::new, ASK);
  }

  /**
   * The segments this node was asked to capture and those whose entity runs here, by name. A segment
   * that moved here from a failed node (or waits here for the node of its interface) is listed by
   * the node it is on, so an operator sees it while its own node is gone. Only entities that exist
   * are asked: asking by name would start one.
   */
  public static CompletionStage<List<SegmentStatus>> askedOrHosted(ActorSystem<?> system, Set<String> asked) {
    return hostedHere(system).thenCompose(hosted -> {
      Set<String> names = new TreeSet<>(asked);
      names.addAll(hosted);
      return ofEach(system, names);
    });
  }

  /** The status of each segment named, sorted by name. Asking by name starts an entity that does not exist yet. */
  public static CompletionStage<List<SegmentStatus>> ofEach(ActorSystem<?> system, Collection<String> segments) {
    List<CompletableFuture<SegmentStatus>> all =
        segments.stream().sorted().map(s -> of(system, s).toCompletableFuture()).toList();
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(done -> all.stream().map(CompletableFuture::join).toList());
  }

  private static CompletionStage<Set<String>> hostedHere(ActorSystem<?> system) {
    return AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
            ClusterSharding.get(system).shardState(),
            r -> new GetShardRegionState(SegmentCapture.TYPE_KEY, r), ASK, system.scheduler())
        .thenApply(state -> {
          Set<String> ids = new TreeSet<>();
          state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
          return ids;
        });
  }
}

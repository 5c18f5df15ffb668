package io.watchfloor.node.cluster;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Serves Pekko Management on {@code watchfloor.cluster.management}: {@code /health/alive}, {@code
 * /health/ready} (ready once this node is a cluster member) and {@code /cluster/members} (every
 * member with its data center and status), which {@code ops/cluster status} and load balancers use.
 */
public final class ClusterManagement {
  private ClusterManagement() {}

  /** Starts the endpoint and waits until it is bound; returns its base URL. */
  public static String start(ActorSystem<?> system) {
    try {
      return PekkoManagement.get(system.classicSystem())
          .start()
          .toCompletableFuture()
          .get(15, TimeUnit.SECONDS)
          .toString();
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cannot serve cluster management: " + cause.getMessage(), cause);
    }
  }
}

package io.watchfloor.node.capture;

import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.protocol.host.HostWindow;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.Patterns;

/**
 * Delivers one host window to its host entity, at least once: the entity acknowledges after storing
 * what it found; an unacknowledged window is sent again with backoff (to wherever the host lives by
 * then, e.g. after its node failed) up to {@code delivery-attempts} times, then the delivery fails
 * with the reason. Redelivery is idempotent on the host side (window marks of the capture run).
 */
final class WindowDelivery {
  private static final long FIRST_BACKOFF_MILLIS = 200;
  private static final int MAX_BACKOFF_SHIFT = 6;

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final Duration timeout;
  private final int attempts;

  WindowDelivery(ActorSystem<?> system, CaptureSettings settings) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.timeout = settings.deliveryTimeout();
    this.attempts = settings.deliveryAttempts();
  }

  CompletionStage<HostMonitor.WindowApplied> deliver(HostWindow w, String run) {
    return deliver(w, run, 1);
  }

  private CompletionStage<HostMonitor.WindowApplied> deliver(HostWindow w, String run, int attempt) {
    return sharding
        .entityRefFor(HostMonitor.TYPE_KEY, w.hostKey())
        .<HostMonitor.WindowApplied>askWithStatus(r -> new HostMonitor.ApplyWindow(w, run, r), timeout)
        .exceptionallyCompose(
            failure -> {
              if (attempt >= attempts) {
                return CompletableFuture.failedStage(
                    new IllegalStateException(
                        "host " + w.hostKey() + " did not acknowledge its window after " + attempt
                            + " attempts: " + failure.getMessage(), failure));
              }
              Duration backoff = Duration.ofMillis(FIRST_BACKOFF_MILLIS << Math.min(attempt, MAX_BACKOFF_SHIFT));
              return Patterns.after(
                  backoff,
                  system.classicSystem().scheduler(),
                  system.executionContext(),
                  () -> deliver(w, run, attempt + 1));
            });
  }
}

package io.watchfloor.node.metrics;

import io.watchfloor.node.alert.receiver.DeliveryOutcome;
import io.watchfloor.node.alert.receiver.Integration;
import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.receiver.NotificationSender;
import java.util.concurrent.CompletionStage;

/** A notification sender whose every delivery (success or failure) lands in a latency histogram. */
public record TimedSender(NotificationSender sender, LatencyHistogram latency) implements NotificationSender {

  @Override
  public CompletionStage<DeliveryOutcome> send(Integration integration, Notification n) {
    return StageLatencies.timed(latency, () -> sender.send(integration, n));
  }
}

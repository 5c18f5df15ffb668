package io.watchfloor.node.alert.receiver;

import java.util.concurrent.CompletionStage;

/** Delivers one notification through one integration, without blocking the caller. */
public interface NotificationSender {
  CompletionStage<DeliveryOutcome> send(Integration integration, Notification n);
}

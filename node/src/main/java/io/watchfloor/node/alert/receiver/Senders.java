package io.watchfloor.node.alert.receiver;

import java.util.concurrent.CompletionStage;

/** Sends through whichever sender an integration needs: HTTP for most, SMTP for e-mail. */
public final class Senders implements NotificationSender {
  private final NotificationSender http;
  private final NotificationSender smtp;

  public Senders(NotificationSender http, NotificationSender smtp) {
    this.http = http;
    this.smtp = smtp;
  }

  @Override
  public CompletionStage<DeliveryOutcome> send(Integration integration, Notification n) {
    return integration instanceof EmailIntegration ? smtp.send(integration, n) : http.send(integration, n);
  }
}

package io.watchfloor.node.alert.receiver;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Makes an integration's HTTP call with the JDK client (asynchronous, no thread blocked) and
 * classifies the answer. Errors never carry the request's headers or body: they hold secrets.
 */
public final class HttpSender implements NotificationSender {
  private final HttpClient client;
  private final Duration timeout;
  private final Function<String, String> env;

  public HttpSender(Duration timeout, Function<String, String> env) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
    this.env = env;
  }

  @Override
  public CompletionStage<DeliveryOutcome> send(Integration integration, Notification n) {
    if (!(integration instanceof HttpIntegration http)) {
      return CompletableFuture.completedFuture(DeliveryOutcome.rejected(integration.kind() + " is not sent over HTTP"));
    }
    HttpCall call;
    try {
      call = http.call(n, env);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // A missing secret is kept and retried, not dropped: the operator sets it and restarts the
      // node, and the outbox still holds the alert.
      return CompletableFuture.completedFuture(DeliveryOutcome.retry(integration.kind() + ": " + e.getMessage(), null));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(call.body()));
    call.headers().forEach(b::header);
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> {
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return DeliveryOutcome.retry(
                integration.kind() + " " + call.describe() + ": " + cause.getClass().getSimpleName(), null);
          }
          DeliveryOutcome o = DeliveryOutcome.ofStatus(
              response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
          return o.error() == null ? o
              : new DeliveryOutcome(o.kind(), o.retryAfter(), integration.kind() + " " + call.describe() + ": " + o.error());
        });
  }
}

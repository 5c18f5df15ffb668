package io.watchfloor.node.alert;

import io.watchfloor.protocol.CborSerializable;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.EcsAlert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Receives every anomaly published on the node's anomaly topic and hands it to the configured
 * sinks: a JSON-lines file (one ECS alert per line) and a webhook (the same line POSTed as JSON,
 * retried with backoff). Duplicates of a recently seen anomaly id are dropped.
 */
public final class AlertDispatcher extends AbstractBehavior<AlertDispatcher.Command> {
  private static final int RECENT_IDS = 10_000;

  public interface Command extends CborSerializable {}

  public record GetStats(ActorRef<AlertStats> replyTo) implements Command {}

  private record AnomalyReceived(Anomaly anomaly) implements Command {}

  private record LineWritten(JsonLinesWriter.Written result) implements Command {}

  private record WebhookResult(Anomaly anomaly, String line, int attempt, String error)
      implements Command, NoSerializationVerificationNeeded {}

  private record Retry(WebhookResult failed) implements Command, NoSerializationVerificationNeeded {}

  public static Behavior<Command> create(
      AlertSettings settings, ActorRef<Topic.Command<Anomaly>> topic) {
    return Behaviors.setup(ctx -> new AlertDispatcher(ctx, settings, topic));
  }

  private final AlertSettings settings;
  private final ActorRef<JsonLinesWriter.Command> writer;
  private final ActorRef<JsonLinesWriter.Written> writtenAdapter;
  private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
  private long received;
  private long linesWritten;
  private long lineFailures;
  private long webhookDelivered;
  private long webhookFailures;
  private long pending;

  private AlertDispatcher(
      ActorContext<Command> context, AlertSettings settings, ActorRef<Topic.Command<Anomaly>> topic) {
    super(context);
    this.settings = settings;
    this.writer =
        settings.jsonLinesFile() == null
            ? null
            : context.spawn(
                JsonLinesWriter.create(Path.of(settings.jsonLinesFile())),
                "jsonl-writer",
                DispatcherSelector.blocking());
    this.writtenAdapter = context.messageAdapter(JsonLinesWriter.Written.class, LineWritten::new);
    topic.tell(Topic.subscribe(context.messageAdapter(Anomaly.class, AnomalyReceived::new)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(AnomalyReceived.class, this::onAnomaly)
        .onMessage(LineWritten.class, this::onLineWritten)
        .onMessage(WebhookResult.class, this::onWebhookResult)
        .onMessage(Retry.class, this::onRetry)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onAnomaly(AnomalyReceived msg) {
    Anomaly a = msg.anomaly();
    if (!recentIds.add(a.id())) {
      return this;
    }
    if (recentIds.size() > RECENT_IDS) {
      recentIds.remove(recentIds.iterator().next());
    }
    received++;
    String line = EcsAlert.toJsonLine(a);
    if (writer != null) {
      pending++;
      writer.tell(new JsonLinesWriter.Write(line, writtenAdapter));
    }
    if (settings.webhookUrl() != null) {
      pending++;
      post(a, line, 1);
    }
    return this;
  }

  private Behavior<Command> onLineWritten(LineWritten msg) {
    pending--;
    if (msg.result().error() == null) {
      linesWritten++;
    } else {
      lineFailures++;
      getContext().getLog().warn("Alert not written: {}", msg.result().error());
    }
    return this;
  }

  private void post(Anomaly a, String line, int attempt) {
    HttpRequest request =
        HttpRequest.POST(settings.webhookUrl().toString()).withEntity(ContentTypes.APPLICATION_JSON, line);
    CompletionStage<HttpResponse> sent =
        Http.get(getContext().getSystem()).singleRequest(request);
    CompletionStage<String> outcome =
        sent.thenCompose(
                response -> {
                  int status = response.status().intValue();
                  return response
                      .discardEntityBytes(getContext().getSystem())
                      .completionStage()
                      .thenApply(done -> status >= 200 && status < 300 ? null : "HTTP " + status);
                })
            .toCompletableFuture()
            .orTimeout(settings.webhookTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    getContext().pipeToSelf(
        outcome,
        (error, failure) ->
            new WebhookResult(a, line, attempt, failure != null ? String.valueOf(failure.getMessage()) : error));
  }

  private Behavior<Command> onWebhookResult(WebhookResult msg) {
    if (msg.error() == null) {
      pending--;
      webhookDelivered++;
    } else if (msg.attempt() < settings.webhookAttempts()) {
      Duration backoff = Duration.ofMillis(500L << Math.min(msg.attempt() - 1, 6));
      getContext().getLog().info(
          "Webhook delivery of alert {} failed ({}), retrying in {} ms", msg.anomaly().id(), msg.error(), backoff.toMillis());
      getContext().scheduleOnce(backoff, getContext().getSelf(), new Retry(msg));
    } else {
      pending--;
      webhookFailures++;
      getContext().getLog().warn(
          "Webhook delivery of alert {} failed after {} attempts: {}", msg.anomaly().id(), msg.attempt(), msg.error());
    }
    return this;
  }

  private Behavior<Command> onRetry(Retry msg) {
    WebhookResult f = msg.failed();
    post(f.anomaly(), f.line(), f.attempt() + 1);
    return this;
  }

  private Behavior<Command> onGetStats(GetStats msg) {
    msg.replyTo().tell(new AlertStats(received, linesWritten, lineFailures, webhookDelivered, webhookFailures, pending));
    return this;
  }
}

package io.watchfloor.node;

import io.watchfloor.node.alert.AlertDispatcher;
import io.watchfloor.node.alert.AlertRouter;
import io.watchfloor.node.alert.receiver.HttpSender;
import io.watchfloor.node.alert.receiver.NotificationSender;
import io.watchfloor.node.alert.receiver.Senders;
import io.watchfloor.node.alert.receiver.SmtpSender;
import io.watchfloor.node.capture.SegmentCapture;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.node.host.SiteModelKeeper;
import io.watchfloor.node.metrics.StageLatencies;
import io.watchfloor.node.metrics.TimedSender;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.protocol.alert.Anomaly;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SingletonActor;

/** Root of a node: joins the cluster, starts the sharded entities and the alert side. */
final class Guardian {
  static final String ANOMALY_TOPIC = "watchfloor-anomalies";

  /** The node-wide actors others need to talk to. */
  record Started(
      ActorRef<Topic.Command<Anomaly>> anomalyTopic,
      ActorRef<AlertDispatcher.Command> alerts,
      ActorRef<AlertRouter.Command> router) {}

  private Guardian() {}

  /** HTTP for most receivers; SMTP (blocking) on the blocking-I/O dispatcher. */
  private static NotificationSender senders(ActorSystem<?> system, NodeSettings settings) {
    java.time.Duration timeout = settings.alerting().delivery().timeout();
    return new TimedSender(new Senders(
        new HttpSender(timeout, System::getenv),
        new SmtpSender(system.dispatchers().lookup(DispatcherSelector.blocking()), timeout, System::getenv)),
        StageLatencies.get(system).alertDelivery);
  }

  /** The keeper of this node's site model, when it and the neural detector are on. */
  private static Optional<ActorRef<SiteModelKeeper.Command>> siteModelKeeper(
      ActorContext<Void> ctx, NodeSettings settings, CassandraStore store) {
    if (!settings.host().siteModel().enabled() || settings.models().neural().isEmpty()) {
      return Optional.empty();
    }
    SiteModelKeeper.Dependencies deps = new SiteModelKeeper.Dependencies(settings.site(),
        settings.host().siteModel(), settings.models().neural().get().scorer(), store.siteModels(),
        settings.host()::usable);
    return Optional.of(ctx.spawn(
        Behaviors.supervise(SiteModelKeeper.create(deps))
            .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)),
        "site-model"));
  }

  static Behavior<Void> create(NodeSettings settings, CassandraStore store, CompletableFuture<Started> started) {
    return Behaviors.setup(
        ctx -> {
          Cluster cluster = Cluster.get(ctx.getSystem());
          if (ctx.getSystem().settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
          }
          ActorRef<Topic.Command<Anomaly>> topic =
              ctx.spawn(Topic.create(Anomaly.class, ANOMALY_TOPIC), "anomaly-topic");
          ActorRef<AlertDispatcher.Command> alerts =
              ctx.spawn(AlertDispatcher.create(settings.alerts(), topic), "alerts");
          ActorRef<AlertRouter.Command> router = null;
          if (settings.alerting().enabled()) {
            // One router per cluster: grouping and dedup must see every anomaly of every node.
            AlertRouter.Dependencies deps = new AlertRouter.Dependencies(
                settings.alerting(), store.outbox(), store.silences(), store.actions(), store.alertGroups(),
                senders(ctx.getSystem(), settings), Clock.systemUTC());
            router = ClusterSingleton.get(ctx.getSystem())
                .init(SingletonActor.of(AlertRouter.create(deps, topic), "alert-router")
                    .withStopMessage(AlertRouter.Stop.INSTANCE));
          }
          HostMonitor.init(
              ctx.getSystem(),
              new HostMonitor.Dependencies(
                  settings.models(), settings.host(), store.anomalies(), store.snapshots(), topic,
                  siteModelKeeper(ctx, settings, store)));
          SegmentCapture.init(
              ctx.getSystem(),
              new SegmentCapture.Dependencies(
                  settings.site(), settings.models(), settings.capture(), store.segments()));
          started.complete(new Started(topic, alerts, router));
          return Behaviors.empty();
        });
  }
}

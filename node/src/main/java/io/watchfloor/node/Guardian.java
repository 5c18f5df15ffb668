package io.watchfloor.node;

import io.watchfloor.node.alert.AlertDispatcher;
import io.watchfloor.node.capture.SegmentCapture;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.node.store.CassandraStore;
import io.watchfloor.protocol.alert.Anomaly;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** Root of a node: joins the cluster, starts the sharded entities and the alert side. */
final class Guardian {
  static final String ANOMALY_TOPIC = "watchfloor-anomalies";

  /** The node-wide actors others need to talk to. */
  record Started(ActorRef<Topic.Command<Anomaly>> anomalyTopic, ActorRef<AlertDispatcher.Command> alerts) {}

  private Guardian() {}

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
          HostMonitor.init(
              ctx.getSystem(),
              new HostMonitor.Dependencies(
                  settings.models(), settings.host(), store.anomalies(), store.snapshots(), topic));
          SegmentCapture.init(
              ctx.getSystem(),
              new SegmentCapture.Dependencies(
                  settings.site(), settings.models(), settings.capture(), store.segments()));
          started.complete(new Started(topic, alerts));
          return Behaviors.empty();
        });
  }
}

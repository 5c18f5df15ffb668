package io.watchfloor.node.cli;

import io.watchfloor.node.WatchfloorNode;
import io.watchfloor.protocol.alert.Anomaly;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/** Collects the anomalies a command-line run raises, to print them at the end. */
final class AnomalyCollector {
  private final ConcurrentLinkedQueue<Anomaly> seen = new ConcurrentLinkedQueue<>();

  /** Subscribes to the node's anomalies and waits until the subscription holds. */
  void subscribeTo(WatchfloorNode node) throws Exception {
    node.system().systemActorOf(behavior(node.anomalyTopic()), "cli-anomaly-collector", Props.empty());
    node.awaitAnomalySubscribers(2);
  }

  private Behavior<Anomaly> behavior(ActorRef<Topic.Command<Anomaly>> topic) {
    return Behaviors.setup(
        ctx -> {
          topic.tell(Topic.subscribe(ctx.getSelf()));
          return Behaviors.receiveMessage(
              a -> {
                seen.add(a);
                return Behaviors.same();
              });
        });
  }

  List<Anomaly> anomalies() {
    List<Anomaly> out = new ArrayList<>(seen);
    out.sort(
        java.util.Comparator.comparingLong(Anomaly::windowStartMillis)
            .thenComparing(Anomaly::host)
            .thenComparing(Anomaly::detector));
    return out;
  }
}

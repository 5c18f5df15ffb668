package io.watchfloor.node.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.NodeConfig;
import io.watchfloor.node.alert.delivery.DeliveryStats;
import io.watchfloor.node.alert.delivery.ReceiverOutbox;
import io.watchfloor.node.alert.group.AlertGroupView;
import io.watchfloor.node.alert.playbook.ActionRecord;
import io.watchfloor.node.alert.receiver.Notification;
import io.watchfloor.node.alert.silence.Silence;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The alert router is a cluster singleton: its messages cross nodes and must survive the serializer. */
class AlertMessageSerializationTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local").withFallback(NodeConfig.defaults()));
  static final SerializationTestKit serialization = new SerializationTestKit(testKit.system());

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> void roundTrip(T msg) {
    assertThat(serialization.verifySerialization(msg, true)).isEqualTo(msg);
  }

  @Test
  void shouldRoundTripNotificationsAndTheirViews() {
    roundTrip(TestNotifications.firing("soc", 3));
    roundTrip(TestNotifications.of("soc", 3, Notification.Status.ACKNOWLEDGED));
    roundTrip(new AlertGroupView("0123456789abcdef", "soc", "route", "route{}", Map.of("host", "h"), "firing",
        1L, 2L, null, List.of("a")));
    roundTrip(new AlertRouterStats(1, 2, 3, 4, 5, 6));
    roundTrip(new DeliveryStats("soc", 1, 2, 3, 4, null));
    roundTrip(new ActionRecord("a", "exfil", 0, "notify", 5L, "g", "notified soc"));
    roundTrip(new Silence("s", List.of("host=10.0.0.1"), 1L, 2L, "alice", "why"));
  }

  @Test
  void shouldRoundTripRouterAndWorkerCommands() {
    var groups = testKit.<List<AlertGroupView>>createTestProbe();
    var change = testKit.<StatusReply<AlertGroupView>>createTestProbe();
    roundTrip(new AlertRouter.ListGroups(groups.getRef()));
    roundTrip(new AlertRouter.Acknowledge("0123456789abcdef", change.getRef()));
    roundTrip(new AlertRouter.Resolve("0123456789abcdef", change.getRef()));
    roundTrip(AlertRouter.ReloadSilences.INSTANCE);
    roundTrip(AlertRouter.Stop.INSTANCE);
    roundTrip(new AlertRouter.GetStats(testKit.<AlertRouterStats>createTestProbe().getRef()));
    roundTrip(ReceiverOutbox.Wake.INSTANCE);
  }
}

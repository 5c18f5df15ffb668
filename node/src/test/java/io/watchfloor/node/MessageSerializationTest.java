package io.watchfloor.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.watchfloor.node.capture.CaptureSpec;
import io.watchfloor.node.capture.SegmentCapture;
import io.watchfloor.node.host.HostMonitor;
import io.watchfloor.protocol.alert.Anomaly;
import io.watchfloor.protocol.alert.Explanation;
import io.watchfloor.protocol.alert.FeatureDeviation;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.api.HostState;
import io.watchfloor.protocol.api.SegmentStatus;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.ScanEvidence;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every message family that crosses actors survives a round trip through the configured serializer. */
class MessageSerializationTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local").withFallback(NodeConfig.defaults()));
  static final SerializationTestKit serialization = new SerializationTestKit(testKit.system());

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static HostWindow window() {
    return new HostWindow("local", "seg", "10.0.0.1", 1_000L, 10_000L, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        new ScanEvidence(20, "10.0.0.2", List.of(1, 2, 3), 0, -1));
  }

  static Anomaly anomaly() {
    return new Anomaly("id-1", "local", "seg", "10.0.0.1", "port_scan", "reconnaissance", Severity.HIGH, 3.5,
        1_000L, 11_000L, 12_000L, "10.0.0.1", "10.0.0.2", 80, "tcp",
        new Explanation("summary", List.of(new FeatureDeviation("bytes_out", 1, 2, 3, 4)), Map.of("k", "v")));
  }

  @Test
  void shouldRoundTripTheHostWindowAndItsAcknowledgement() {
    TestProbe<StatusReply<HostMonitor.WindowApplied>> probe = testKit.createTestProbe();
    HostMonitor.ApplyWindow msg = new HostMonitor.ApplyWindow(window(), "run-1", probe.getRef());
    assertThat(serialization.verifySerialization(msg, true)).isEqualTo(msg);
    HostMonitor.WindowApplied ack = new HostMonitor.WindowApplied("local/10.0.0.1", 1_000L, 2, List.of("a", "b"));
    assertThat(serialization.verifySerialization(ack, true)).isEqualTo(ack);
  }

  @Test
  void shouldRoundTripTheReliablyDeliveredWindows() {
    TestProbe<HostMonitor.WindowApplied> probe = testKit.createTestProbe();
    HostMonitor.CaptureWindows msg = new HostMonitor.CaptureWindows(List.of(window(), window()), "run-1", probe.getRef());
    assertThat(serialization.verifySerialization(msg, true)).isEqualTo(msg);
  }

  @Test
  void shouldRoundTripAnAnomaly() {
    assertThat(serialization.verifySerialization(anomaly(), true)).isEqualTo(anomaly());
  }

  @Test
  void shouldRoundTripHostStateAndSegmentStatus() {
    HostState state = new HostState("local", "10.0.0.1", true, 5, false, 1, window(),
        List.of(new FeatureDeviation("bytes_in", 1, 1, 1, 0)), 123L, null);
    assertThat(serialization.verifySerialization(state, true)).isEqualTo(state);
    HostState withModel = new HostState("local", "10.0.0.1", true, 5, false, 1, window(), List.of(), null,
        new io.watchfloor.protocol.api.ModelState(5, false, 30,
            new io.watchfloor.protocol.api.ModelState.NeuralState("grace", 55, null, 5, 0),
            List.of(new io.watchfloor.protocol.api.ModelState.Suppression("port_scan", "*", 123L)),
            List.of("beaconing")));
    assertThat(serialization.verifySerialization(withModel, true)).isEqualTo(withModel);
    SegmentStatus status = new SegmentStatus("seg", "file x", "RUNNING", "pekko://watchfloor@10.0.0.1:25520", null, false, 1, 2, 3,
        Map.of("truncated_ipv4", 3L), 0, 0, 4, 5, 6, 7, 12, 11, 8, 9, 10, 0);
    assertThat(serialization.verifySerialization(status, true)).isEqualTo(status);
  }

  @Test
  void shouldRoundTripCaptureCommands() {
    TestProbe<StatusReply<org.apache.pekko.Done>> probe = testKit.createTestProbe();
    SegmentCapture.Start start =
        new SegmentCapture.Start(CaptureSpec.ofInterface("dmz", "eth1", "tcp"), "pekko://watchfloor@10.0.0.1:25520", probe.getRef());
    assertThat(serialization.verifySerialization(start, true)).isEqualTo(start);
    assertThat(serialization.verifySerialization(HostMonitor.Passivate.INSTANCE, true))
        .isEqualTo(HostMonitor.Passivate.INSTANCE);
  }
}

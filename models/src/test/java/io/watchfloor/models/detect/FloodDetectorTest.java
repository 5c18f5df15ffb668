package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.alert.Severity;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.FloodEvidence;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodDetectorTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String HOST = "10.0.0.66";

  private final FloodDetector detector = new FloodDetector(5_000, 0.1, 2_000, 10, Duration.ofMinutes(10));

  @Test
  void shouldFlagASourceSendingManyUnansweredPacketsToOnePeer() {
    HostWindow w = window(0, new FloodEvidence("192.0.2.80", 60_000, 12), 0);

    Finding f = detector.inspect(w, cold(), HostFeature.vectorOf(w)).orElseThrow();

    assertThat(f.detector()).isEqualTo("flood");
    assertThat(f.destinationIp()).isEqualTo("192.0.2.80");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.evidence())
        .containsEntry("trigger", "source")
        .containsEntry("packets_sent", "60000")
        .containsEntry("packets_answered", "12")
        .containsEntry("packets_per_second", "6000");
  }

  @Test
  void shouldNotFlagABulkTransferThatIsAcknowledged() {
    HostWindow upload = window(0, new FloodEvidence("192.0.2.80", 60_000, 30_000), 0);
    HostWindow few = window(0, new FloodEvidence("192.0.2.80", 4_000, 0), 0);

    assertThat(detector.inspect(upload, cold(), HostFeature.vectorOf(upload))).isEmpty();
    assertThat(detector.inspect(few, cold(), HostFeature.vectorOf(few))).isEmpty();
  }

  @Test
  void shouldFlagATargetOfABurstOfConnectionAttemptsFarAboveItsUsual() {
    HostBaseline usual = warm(20);
    HostWindow w = window(100, FloodEvidence.NONE, 9_000);

    Finding f = detector.inspect(w, usual, HostFeature.vectorOf(w)).orElseThrow();

    assertThat(f.evidence()).containsEntry("trigger", "target").containsEntry("connection_attempts_in", "9000");
    assertThat(f.destinationIp()).isEqualTo(HOST);
  }

  @Test
  void shouldNotFlagABusyServerAtItsUsualRate() {
    HostBaseline usual = warm(5_000);
    HostWindow w = window(100, FloodEvidence.NONE, 9_000);

    assertThat(detector.inspect(w, usual, HostFeature.vectorOf(w))).isEmpty();
  }

  @Test
  void shouldStayQuietAfterAnAlert() {
    HostWindow first = window(0, new FloodEvidence("192.0.2.80", 60_000, 0), 0);
    HostWindow soon = window(6, new FloodEvidence("192.0.2.80", 60_000, 0), 0);
    HostWindow later = window(61, new FloodEvidence("192.0.2.80", 60_000, 0), 0);

    assertThat(detector.inspect(first, cold(), HostFeature.vectorOf(first))).isPresent();
    assertThat(detector.inspect(soon, cold(), HostFeature.vectorOf(soon))).isEmpty();
    assertThat(detector.inspect(later, cold(), HostFeature.vectorOf(later))).isPresent();
  }

  @Test
  void shouldRejectBadThresholds() {
    assertThatThrownBy(() -> new FloodDetector(5_000, 1.5, 2_000, 10, Duration.ZERO))
        .hasMessageContaining("flood.max-answer-ratio");
  }

  private static HostBaseline cold() {
    return new HostBaseline(new BaselineSettings(30, 0.05, 0.35));
  }

  private static HostBaseline warm(int connectionsIn) {
    HostBaseline b = cold();
    for (int i = 0; i < 40; i++) {
      HostWindow w = window(i, FloodEvidence.NONE, connectionsIn);
      b.update(HostFeature.vectorOf(w), w.windowStartMillis());
    }
    return b;
  }

  private static HostWindow window(int index, FloodEvidence flood, int connectionsIn) {
    return new HostWindow("local", "s", HOST, T0 + index * 10_000L, 10_000, connectionsIn,
        flood.packetsToTarget(), 60L * connectionsIn, 60 * flood.packetsToTarget(), 1, connectionsIn, 0,
        1, 1, 0, null, "", List.of(), 0, null, flood);
  }
}

package io.watchfloor.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.host.HostWindow;
import io.watchfloor.protocol.host.HostWindow.ScanEvidence;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortScanDetectorTest {

  private static final String SCANNER = "172.31.15.102";
  private static final String VICTIM = "198.124.152.15";

  private final PortScanDetector detector = new PortScanDetector(15, 25);
  private final HostBaseline baseline = new HostBaseline(new BaselineSettings(30, 0.05, 0.35));

  @Test
  void shouldIgnoreFourteenPortsOnOneVictim() {
    assertThat(inspect(vertical(14))).isEmpty();
  }

  @Test
  void shouldFlagFifteenPortsOnOneVictim() {
    Finding f = inspect(vertical(15)).orElseThrow();

    assertThat(f.detector()).isEqualTo("port_scan");
    assertThat(f.category()).isEqualTo("reconnaissance");
    assertThat(f.destinationIp()).isEqualTo(VICTIM);
    assertThat(f.score()).isEqualTo(1.0);
    assertThat(f.evidence())
        .containsEntry("victim", VICTIM)
        .containsEntry("ports_on_victim", "15")
        .containsEntry("sample_ports", "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14");
    assertThat(f.summary()).contains(SCANNER, VICTIM, "15 ports");
  }

  @Test
  void shouldIgnoreTwentyFourVictimsOnOnePort() {
    assertThat(inspect(horizontal(24))).isEmpty();
  }

  @Test
  void shouldFlagTwentyFiveVictimsOnOnePort() {
    Finding f = inspect(horizontal(25)).orElseThrow();

    assertThat(f.detector()).isEqualTo("port_scan");
    assertThat(f.destinationPort()).isEqualTo(445);
    assertThat(f.evidence()).containsEntry("port", "445").containsEntry("victims_on_port", "25");
  }

  @Test
  void shouldRejectAPortThresholdBelowTwo() {
    assertThatThrownBy(() -> new PortScanDetector(1, 25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchfloor.models.detectors.port-scan");
  }

  @Test
  void shouldRejectAVictimThresholdBelowTwo() {
    assertThatThrownBy(() -> new PortScanDetector(15, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchfloor.models.detectors.port-scan");
  }

  private Optional<Finding> inspect(HostWindow w) {
    return detector.inspect(w, baseline, HostFeature.vectorOf(w));
  }

  private static HostWindow vertical(int ports) {
    List<Integer> sample = IntStream.range(0, Math.min(ports, 20)).boxed().toList();
    return window(ports, 1, new ScanEvidence(ports, VICTIM, sample, 1, 0));
  }

  private static HostWindow horizontal(int victims) {
    return window(victims, victims, new ScanEvidence(1, "10.0.0.1", List.of(445), victims, 445));
  }

  private static HostWindow window(int failed, int peers, ScanEvidence scan) {
    return new HostWindow(
        "local", "s", SCANNER, 1_566_411_400_000L, 10_000, failed, failed, 60L * failed,
        60L * failed, failed, 0, failed, peers, failed, 0, scan);
  }
}

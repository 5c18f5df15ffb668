package io.watchfloor.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchfloor.models.detect.BaselineDeviationDetector;
import io.watchfloor.models.detect.HostDetector;
import io.watchfloor.models.detect.PortScanDetector;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

  @Test
  void shouldReadTheReferenceDefaults() {
    ModelSettings s = ModelSettings.create(ConfigFactory.load());

    assertThat(s.window().windowMillis()).isEqualTo(10_000);
    assertThat(s.window().maxHostsPerWindow()).isEqualTo(1_000_000);
    assertThat(s.window().maxTrackedHosts()).isEqualTo(4_000_000);
    assertThat(s.baseline().warmupWindows()).isEqualTo(30);
    assertThat(s.baseline().alpha()).isEqualTo(0.05);
    assertThat(s.baseline().minSd()).isEqualTo(0.35);
    assertThat(s.detectors().portScanMinPortsPerVictim()).isEqualTo(15);
    assertThat(s.detectors().portScanMinVictimsPerPort()).isEqualTo(25);
    assertThat(s.detectors().baselineDeviationZThreshold()).isEqualTo(6.0);
  }

  @Test
  void shouldEnableEveryDetectorByDefault() {
    ModelSettings s = ModelSettings.create(ConfigFactory.load());

    assertThat(s.detectors().detectors())
        .extracting(HostDetector::id)
        .containsExactly(PortScanDetector.ID, BaselineDeviationDetector.ID, "port_protocol_mismatch",
            "malformed_packet", "dns_tunneling", "beaconing", "lateral_movement", "exfiltration",
            "flood", "off_hours", "sensitive_data", "signature");
  }

  @Test
  void shouldAddThreatIntelOnlyOnceFilesAreListed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path feed = java.nio.file.Files.writeString(dir.resolve("feed.csv"), "ip,192.0.2.1\n");
    ModelSettings s = ModelSettings.create(
        ConfigFactory.parseString("watchfloor.models.detectors.threat-intel.files = [\"" + feed + "\"]")
            .withFallback(ConfigFactory.load()));

    assertThat(s.detectors().detectors()).extracting(HostDetector::id).contains("threat_intel");
    assertThat(s.detectors().threatIntel()).isPresent();
  }

  @Test
  void shouldGiveEveryHostAnalyzerItsOwnStatefulDetectors() {
    ModelSettings s = ModelSettings.create(ConfigFactory.load());
    assertThat(s.detectors().detectors().get(5)).isNotSameAs(s.detectors().detectors().get(5));
  }

  @Test
  void shouldRejectAnAlphaOutsideZeroToOneNamingTheKey() {
    Config bad = ConfigFactory.parseString("watchfloor.models.baseline.alpha = 2")
        .withFallback(ConfigFactory.load());

    assertThatThrownBy(() -> ModelSettings.create(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchfloor.models.baseline.alpha");
  }

  @Test
  void shouldRejectAPortScanThresholdAtStartUp() {
    Config bad =
        ConfigFactory.parseString("watchfloor.models.detectors.port-scan.min-ports-per-victim = 1")
            .withFallback(ConfigFactory.load());

    assertThatThrownBy(() -> ModelSettings.create(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchfloor.models.detectors.port-scan");
  }
}

package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.BeaconWindows.BASELINE;
import static io.watchfloor.models.detect.BeaconWindows.T0;
import static io.watchfloor.models.detect.BeaconWindows.inspect;
import static io.watchfloor.models.detect.BeaconWindows.tcp;
import static io.watchfloor.models.detect.BeaconWindows.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.models.baseline.HostBaseline;
import io.watchfloor.models.baseline.HostFeature;
import io.watchfloor.protocol.host.FlowSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExfiltrationDetectorTest {
  private static final long UPLOAD_FLOOR = 256 * 1024;
  private static final long VOLUME_FLOOR = 10 * 1024 * 1024;
  private static final String STAGING = "10.9.9.9";
  private static final String CLOUD = "198.51.100.20";

  private static HostDetector detector() {
    return BeaconLateralExfilDefaults.exfiltration();
  }

  private static HostDetector detector(String overrides) {
    return ExfiltrationDetector.fromConfig(BeaconLateralExfilDefaults.with("exfiltration", overrides));
  }

  /** A warm baseline of a host that usually sends about 200 KB per window. */
  private static HostBaseline usuallyTwoHundredKilobytesOut() {
    HostBaseline b = new HostBaseline(BASELINE);
    for (int i = 0; i < 40; i++) {
      b.update(HostFeature.vectorOf(window(i, List.of(tcp(CLOUD, 443, 40_000 + i, T0, 200_000, 2_000_000)))), T0 + i * 10_000L);
    }
    return b;
  }

  private static FlowSummary upload(String peer, int port, long out, long in) {
    return tcp(peer, port, 50_000, T0, out, in);
  }

  @Test
  void shouldAlertOnAnUploadAtTheFloorAndRatioToANonServicePort() {
    Finding f = inspect(detector(), window(5, List.of(upload(STAGING, 4433, UPLOAD_FLOOR, UPLOAD_FLOOR / 5))))
        .orElseThrow();

    assertThat(f.detector()).isEqualTo("exfiltration");
    assertThat(f.destinationIp()).isEqualTo(STAGING);
    assertThat(f.destinationPort()).isEqualTo(4433);
    assertThat(f.evidence())
        .containsEntry("trigger", "upload_to_non_service_port")
        .containsEntry("bytes_out", Long.toString(UPLOAD_FLOOR))
        .containsEntry("ratio", "5.0")
        .containsEntry("peer_scope", "internal");
  }

  @Test
  void shouldNotAlertOnAnUploadJustBelowTheFloor() {
    assertThat(inspect(detector(), window(5, List.of(upload(STAGING, 4433, UPLOAD_FLOOR - 1, 1_000))))).isEmpty();
  }

  @Test
  void shouldNotAlertOnAnUploadJustBelowTheRatio() {
    assertThat(inspect(detector(), window(5, List.of(upload(STAGING, 4433, UPLOAD_FLOOR, UPLOAD_FLOOR / 5 + 1)))))
        .isEmpty();
  }

  @Test
  void shouldNotAlertOnUploadsToServicePorts() {
    assertThat(inspect(detector(), window(5, List.of(upload(STAGING, 445, 5_000_000, 1_000))))).isEmpty();
    assertThat(inspect(detector(), window(5, List.of(upload(CLOUD, 443, 5_000_000, 1_000))))).isEmpty();
  }

  @Test
  void shouldSumTheConnectionsOfOnePeerAndPort() {
    List<FlowSummary> pieces =
        List.of(tcp(STAGING, 4433, 50_000, T0, 150_000, 2_000), tcp(STAGING, 4433, 50_001, T0 + 10_000, 150_000, 2_000));

    assertThat(inspect(detector(), window(5, pieces))).isPresent();
  }

  @Test
  void shouldAlertOnAnUploadPairAgainOnlyAfterTheQuietPeriod() {
    HostDetector d = detector("realert-after = 1h");
    FlowSummary up = upload(STAGING, 4433, 1_000_000, 1_000);
    assertThat(inspect(d, window(5, List.of(up)))).isPresent();

    assertThat(inspect(d, window(6, List.of(up)))).isEmpty();
    assertThat(inspect(d, window(5 + 360, List.of(up)))).isPresent();
  }

  @Test
  void shouldAlertOnExternalVolumeTenTimesTheUsualAndAboveTheFloor() {
    Finding f =
        inspect(detector(), window(40, List.of(upload(CLOUD, 443, VOLUME_FLOOR, 50_000_000))),
            usuallyTwoHundredKilobytesOut()).orElseThrow();

    assertThat(f.destinationIp()).isEqualTo(CLOUD);
    assertThat(f.evidence())
        .containsEntry("trigger", "external_volume")
        .containsEntry("bytes_out", Long.toString(VOLUME_FLOOR))
        .containsKey("usual_bytes_out");
    assertThat(Double.parseDouble(f.evidence().get("usual_bytes_out"))).isBetween(199_000.0, 201_000.0);
  }

  @Test
  void shouldNotAlertOnExternalVolumeJustBelowTheFloor() {
    assertThat(inspect(detector(), window(40, List.of(upload(CLOUD, 443, VOLUME_FLOOR - 1, 1_000))),
        usuallyTwoHundredKilobytesOut())).isEmpty();
  }

  @Test
  void shouldNotAlertOnExternalVolumeBelowTheBaselineFactor() {
    assertThat(inspect(detector("baseline-factor = 60"), window(40, List.of(upload(CLOUD, 443, VOLUME_FLOOR, 1_000))),
        usuallyTwoHundredKilobytesOut())).isEmpty();
  }

  @Test
  void shouldNotJudgeExternalVolumeWithoutAWarmBaseline() {
    assertThat(inspect(detector(), window(40, List.of(upload(CLOUD, 443, 100 * VOLUME_FLOOR, 1_000))))).isEmpty();
  }

  @Test
  void shouldCountPrivatePeersAsExternalOnlyWhenConfigured() {
    FlowSummary backup = upload(STAGING, 443, VOLUME_FLOOR, 1_000);

    assertThat(inspect(detector(), window(40, List.of(backup)), usuallyTwoHundredKilobytesOut())).isEmpty();
    assertThat(inspect(detector("treat-private-as-internal = off"), window(40, List.of(backup)),
        usuallyTwoHundredKilobytesOut())).isPresent();
  }
}

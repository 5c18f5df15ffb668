package io.watchfloor.models.detect;

import static io.watchfloor.models.detect.DetectorFixtures.inspect;
import static io.watchfloor.models.detect.DetectorFixtures.withMalformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.protocol.alert.Severity;
import org.junit.jupiter.api.Test;

class MalformedPacketDetectorTest {

  private final MalformedPacketDetector detector = new MalformedPacketDetector(1, 5);

  @Test
  void shouldFlagTheFirstTruncatedPacket() {
    Finding f = inspect(detector, withMalformed(1, "truncated_ipv4")).orElseThrow();

    assertThat(f.detector()).isEqualTo("malformed_packet");
    assertThat(f.category()).isEqualTo("protocol_anomaly");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.evidence())
        .containsEntry("count", "1")
        .containsEntry("kind", "truncated_ipv4")
        .containsEntry("class", "hard");
    assertThat(f.summary()).contains(DetectorFixtures.HOST, "1 malformed packet ", "truncated_ipv4");
  }

  @Test
  void shouldFlagABadChecksumAsHard() {
    assertThat(inspect(detector, withMalformed(1, "bad_ipv4_checksum"))).isPresent();
  }

  @Test
  void shouldIgnoreACleanWindow() {
    assertThat(inspect(detector, withMalformed(0, ""))).isEmpty();
  }

  @Test
  void shouldIgnoreFourUnknownIcmpTypes() {
    assertThat(inspect(detector, withMalformed(4, "icmpv4_unknown_type"))).isEmpty();
  }

  @Test
  void shouldFlagFiveUnknownIcmpTypesAsLow() {
    Finding f = inspect(detector, withMalformed(5, "icmpv4_unknown_type")).orElseThrow();

    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.score()).isEqualTo(1.0);
    assertThat(f.evidence()).containsEntry("class", "soft").containsEntry("count", "5");
  }

  @Test
  void shouldHoldIllegalTcpFlagsToTheSoftThreshold() {
    assertThat(inspect(detector, withMalformed(4, "illegal_tcp_flags"))).isEmpty();
  }

  @Test
  void shouldHonourAHigherHardThreshold() {
    MalformedPacketDetector lenient = new MalformedPacketDetector(2, 5);

    assertThat(inspect(lenient, withMalformed(1, "bad_tcp_option"))).isEmpty();
    assertThat(inspect(lenient, withMalformed(2, "bad_tcp_option"))).isPresent();
  }

  @Test
  void shouldRateTenTimesTheHardThresholdHigh() {
    assertThat(inspect(detector, withMalformed(10, "truncated_tcp")).orElseThrow().severity())
        .isEqualTo(Severity.HIGH);
  }

  @Test
  void shouldRejectAThresholdBelowOne() {
    assertThatThrownBy(() -> new MalformedPacketDetector(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watchfloor.models.detectors.malformed-packet");
  }
}

package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The shipped beaconing, lateral-movement and exfiltration defaults of {@code
 * watchfloor.models.detectors}, so the tests run them through the detectors' own {@code fromConfig}.
 */
final class BeaconLateralExfilDefaults {
  static final Config DETECTORS =
      ConfigFactory.parseResources("watchfloor-models.conf").resolve().getConfig("watchfloor.models.detectors");

  static HostDetector beaconing() {
    return BeaconingDetector.fromConfig(DETECTORS.getConfig("beaconing"));
  }

  static HostDetector lateralMovement() {
    return LateralMovementDetector.fromConfig(DETECTORS.getConfig("lateral-movement"));
  }

  static HostDetector exfiltration() {
    return ExfiltrationDetector.fromConfig(DETECTORS.getConfig("exfiltration"));
  }

  /** A block with some defaults replaced, e.g. {@code with("beaconing", "threshold = 0.9")}. */
  static Config with(String block, String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(DETECTORS.getConfig(block));
  }
}

package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;

/** {@code watchfloor.models.detectors}: which detectors run, with their thresholds. */
public record DetectorSettings(
    boolean portScanEnabled,
    int portScanMinPortsPerVictim,
    int portScanMinVictimsPerPort,
    boolean baselineDeviationEnabled,
    double baselineDeviationZThreshold) {

  public static DetectorSettings create(Config models) {
    Config c = models.getConfig("detectors");
    Config scan = c.getConfig("port-scan");
    Config dev = c.getConfig("baseline-deviation");
    return new DetectorSettings(
        scan.getBoolean("enabled"),
        scan.getInt("min-ports-per-victim"),
        scan.getInt("min-victims-per-port"),
        dev.getBoolean("enabled"),
        dev.getDouble("z-threshold"));
  }

  /** The enabled detectors, built once; validates thresholds. */
  public List<HostDetector> detectors() {
    List<HostDetector> out = new ArrayList<>();
    if (portScanEnabled) {
      out.add(new PortScanDetector(portScanMinPortsPerVictim, portScanMinVictimsPerPort));
    }
    if (baselineDeviationEnabled) {
      out.add(new BaselineDeviationDetector(baselineDeviationZThreshold));
    }
    return List.copyOf(out);
  }
}

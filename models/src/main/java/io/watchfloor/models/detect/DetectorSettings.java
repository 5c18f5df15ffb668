package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.inspect.PayloadInspectionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code watchfloor.models.detectors}: which detectors run, with their thresholds. */
public record DetectorSettings(
    boolean portScanEnabled,
    int portScanMinPortsPerVictim,
    int portScanMinVictimsPerPort,
    boolean baselineDeviationEnabled,
    double baselineDeviationZThreshold,
    boolean portProtocolMismatchEnabled,
    List<String> portProtocolMismatchAllowed,
    List<Integer> portProtocolMismatchBackdoorPorts,
    boolean malformedPacketEnabled,
    int malformedPacketHardMinPackets,
    int malformedPacketSoftMinPackets,
    boolean dnsTunnelingEnabled,
    DnsTunnelingDetector.Thresholds dnsTunneling,
    Config beaconing,
    Config lateralMovement,
    Config exfiltration,
    PayloadInspectionSettings payloadInspection) {

  public DetectorSettings {
    portProtocolMismatchAllowed = List.copyOf(portProtocolMismatchAllowed);
    portProtocolMismatchBackdoorPorts = List.copyOf(portProtocolMismatchBackdoorPorts);
  }

  public static DetectorSettings create(Config models) {
    Config c = models.getConfig("detectors");
    Config scan = c.getConfig("port-scan");
    Config dev = c.getConfig("baseline-deviation");
    Config mismatch = c.getConfig("port-protocol-mismatch");
    Config malformed = c.getConfig("malformed-packet");
    Config dns = c.getConfig("dns-tunneling");
    return new DetectorSettings(
        scan.getBoolean("enabled"),
        scan.getInt("min-ports-per-victim"),
        scan.getInt("min-victims-per-port"),
        dev.getBoolean("enabled"),
        dev.getDouble("z-threshold"),
        mismatch.getBoolean("enabled"),
        mismatch.getStringList("allowed"),
        mismatch.getIntList("backdoor-ports"),
        malformed.getBoolean("enabled"),
        malformed.getInt("hard-min-packets"),
        malformed.getInt("soft-min-packets"),
        dns.getBoolean("enabled"),
        new DnsTunnelingDetector.Thresholds(
            dns.getInt("min-unique-subdomains"),
            dns.getDouble("min-entropy"),
            dns.getInt("min-length"),
            dns.getBytes("min-txt-bytes"),
            dns.getInt("min-txt-queries"),
            dns.getLong("min-queries"),
            Set.copyOf(dns.getStringList("ignored-domains"))),
        c.getConfig("beaconing"),
        c.getConfig("lateral-movement"),
        c.getConfig("exfiltration"),
        PayloadInspectionSettings.create(c));
  }

  /**
   * The enabled detectors, new instances on every call: beaconing, lateral movement and
   * exfiltration keep per-host history, so every host analyzer gets its own. Validates thresholds.
   */
  public List<HostDetector> detectors() {
    List<HostDetector> out = new ArrayList<>();
    if (portScanEnabled) {
      out.add(new PortScanDetector(portScanMinPortsPerVictim, portScanMinVictimsPerPort));
    }
    if (baselineDeviationEnabled) {
      out.add(new BaselineDeviationDetector(baselineDeviationZThreshold));
    }
    if (portProtocolMismatchEnabled) {
      out.add(
          new PortProtocolMismatchDetector(
              portProtocolMismatchAllowed, portProtocolMismatchBackdoorPorts));
    }
    if (malformedPacketEnabled) {
      out.add(new MalformedPacketDetector(malformedPacketHardMinPackets, malformedPacketSoftMinPackets));
    }
    if (dnsTunnelingEnabled) {
      out.add(new DnsTunnelingDetector(dnsTunneling));
    }
    if (beaconing.getBoolean("enabled")) {
      out.add(BeaconingDetector.fromConfig(beaconing));
    }
    if (lateralMovement.getBoolean("enabled")) {
      out.add(LateralMovementDetector.fromConfig(lateralMovement));
    }
    if (exfiltration.getBoolean("enabled")) {
      out.add(ExfiltrationDetector.fromConfig(exfiltration));
    }
    if (payloadInspection.sensitiveDataEnabled()) {
      out.add(new SensitiveDataDetector());
    }
    if (payloadInspection.signaturesEnabled()) {
      out.add(new SignatureDetector());
    }
    if (payloadInspection.unapprovedServiceEnabled()) {
      out.add(new UnapprovedServiceDetector(payloadInspection.servicePolicy()));
    }
    return List.copyOf(out);
  }
}

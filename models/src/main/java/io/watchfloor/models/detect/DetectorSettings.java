package io.watchfloor.models.detect;

import com.typesafe.config.Config;
import io.watchfloor.models.baseline.BaselineSettings;
import io.watchfloor.models.intel.ThreatIntel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
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
    Config flood,
    Config offHours,
    ZoneId timeZone,
    Optional<ThreatIntel> threatIntel,
    Duration threatIntelRealertAfter,
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
        c.getConfig("flood"),
        c.getConfig("off-hours"),
        BaselineSettings.create(models).timeZone(),
        threatIntel(c.getConfig("threat-intel")),
        c.getDuration("threat-intel.realert-after"),
        PayloadInspectionSettings.create(c));
  }

  /** The indicator files, loaded once and shared by every host (none when disabled or empty). */
  private static Optional<ThreatIntel> threatIntel(Config block) {
    List<String> files = block.getStringList("files");
    if (!block.getBoolean("enabled") || files.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ThreatIntel(files.stream().map(Path::of).toList(), block.getDuration("reload-check-interval")));
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
    if (flood.getBoolean("enabled")) {
      out.add(FloodDetector.fromConfig(flood));
    }
    if (offHours.getBoolean("enabled")) {
      out.add(OffHoursDetector.fromConfig(offHours, timeZone));
    }
    threatIntel.ifPresent(intel -> out.add(new ThreatIntelDetector(intel, threatIntelRealertAfter)));
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

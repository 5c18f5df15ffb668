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
import java.util.function.Function;
import java.util.function.Supplier;

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
    Optional<Supplier<HostDetector>> beaconing,
    Optional<Supplier<HostDetector>> lateralMovement,
    Optional<Supplier<HostDetector>> exfiltration,
    Optional<Supplier<HostDetector>> flood,
    Optional<Supplier<HostDetector>> offHours,
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
    ZoneId zone = BaselineSettings.create(models).timeZone();
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
        factory(c.getConfig("beaconing"), BeaconingDetector::factory),
        factory(c.getConfig("lateral-movement"), LateralMovementDetector::factory),
        factory(c.getConfig("exfiltration"), ExfiltrationDetector::factory),
        factory(c.getConfig("flood"), FloodDetector::factory),
        factory(c.getConfig("off-hours"), block -> OffHoursDetector.factory(block, zone)),
        zone,
        threatIntel(c.getConfig("threat-intel")),
        c.getDuration("threat-intel.realert-after"),
        PayloadInspectionSettings.create(c));
  }

  /** The detector's settings, read once, when its block is enabled. */
  private static Optional<Supplier<HostDetector>> factory(
      Config block, Function<Config, Supplier<HostDetector>> read) {
    return block.getBoolean("enabled") ? Optional.of(read.apply(block)) : Optional.empty();
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
    beaconing.ifPresent(f -> out.add(f.get()));
    lateralMovement.ifPresent(f -> out.add(f.get()));
    exfiltration.ifPresent(f -> out.add(f.get()));
    flood.ifPresent(f -> out.add(f.get()));
    offHours.ifPresent(f -> out.add(f.get()));
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

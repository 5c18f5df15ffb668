package io.watchfloor.models.inspect;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload detectors' settings ({@code watchfloor.models.detectors.payload-inspection},
 * {@code .sensitive-data}, {@code .signature}, {@code .unapproved-service}), read once.
 *
 * @param bytesPerFlow payload bytes scanned per flow, both directions together; the rest of a long
 *     transfer is not scanned, so it cannot stall capture
 * @param maxMatchesPerHost distinct (kind, peer, port) entries one host's window carries
 * @param homeNet the rules' {@code $HOME_NET}
 * @param externalNet the rules' {@code $EXTERNAL_NET} as written (may use {@code $HOME_NET})
 */
public record PayloadInspectionSettings(
    int bytesPerFlow,
    int maxMatchesPerHost,
    boolean sensitiveDataEnabled,
    List<CustomPattern> customPatterns,
    boolean signaturesEnabled,
    List<Path> ruleFiles,
    List<String> homeNet,
    String externalNet,
    boolean unapprovedServiceEnabled,
    ServicePolicy servicePolicy) {

  public PayloadInspectionSettings {
    customPatterns = List.copyOf(customPatterns);
    ruleFiles = List.copyOf(ruleFiles);
    homeNet = List.copyOf(homeNet);
    if (bytesPerFlow < 0) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.payload-inspection.bytes-per-flow must not be negative");
    }
    if (maxMatchesPerHost < 1) {
      throw new IllegalArgumentException(
          "watchfloor.models.detectors.payload-inspection.max-matches-per-host must be at least 1");
    }
    variables(homeNet, externalNet); // fail at start-up, not at the first rule
  }

  /** Everything off: what segments use when payload inspection is not configured. */
  public static final PayloadInspectionSettings OFF = new PayloadInspectionSettings(
      0, 1, false, List.of(), false, List.of(), List.of(), "any", false, ServicePolicy.NONE);

  /** @param detectors the {@code watchfloor.models.detectors} section */
  public static PayloadInspectionSettings create(Config detectors) {
    Config budget = detectors.getConfig("payload-inspection");
    Config sensitive = detectors.getConfig("sensitive-data");
    Config signature = detectors.getConfig("signature");
    Config service = detectors.getConfig("unapproved-service");
    List<CustomPattern> custom = new ArrayList<>();
    for (Config p : sensitive.getConfigList("custom-patterns")) {
      custom.add(CustomPattern.of(p.getString("name"), p.getString("regex"),
          p.hasPath("literal") ? p.getString("literal") : ""));
    }
    List<Path> files = new ArrayList<>();
    for (String f : signature.getStringList("rule-files")) {
      files.add(Path.of(f));
    }
    return new PayloadInspectionSettings(
        (int) Math.min(Integer.MAX_VALUE, budget.getBytes("bytes-per-flow")),
        budget.getInt("max-matches-per-host"),
        sensitive.getBoolean("enabled"),
        custom,
        signature.getBoolean("enabled"),
        files,
        signature.getStringList("home-net"),
        signature.getString("external-net"),
        service.getBoolean("enabled"),
        service.getBoolean("enabled") ? ServicePolicy.create(service) : ServicePolicy.NONE);
  }

  /** {@code $HOME_NET} and {@code $EXTERNAL_NET} for rule headers. */
  public IpSet.Variables variables() {
    return variables(homeNet, externalNet);
  }

  private static IpSet.Variables variables(List<String> homeNet, String externalNet) {
    IpSet home = IpSet.ofBlocks(homeNet);
    IpSet.Variables base = name -> {
      if (name.equals("HOME_NET")) {
        return home;
      }
      throw new IllegalArgumentException("unknown variable $" + name + " (only $HOME_NET and $EXTERNAL_NET)");
    };
    IpSet external = IpSet.parse(externalNet, base);
    return name -> name.equals("EXTERNAL_NET") ? external : base.resolve(name);
  }

  /** The node's rule set holder; call {@link SignatureRules#reload()} once to load. */
  public SignatureRules newSignatureRules() {
    return new SignatureRules(signaturesEnabled ? ruleFiles : List.of(), variables());
  }

  /** Whether any payload scanning runs on the capture path. */
  public boolean scansPayload() {
    return bytesPerFlow > 0 && (sensitiveDataEnabled || signaturesEnabled);
  }
}

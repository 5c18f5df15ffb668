package io.watchfloor.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the node configuration: a user file (HOCON) over the defaults, with every {@code
 * watchfloor.*} key checked against the defaults so a misspelt key is an error naming it, not a
 * silently ignored setting.
 */
public final class NodeConfig {
  /** Keys whose values are free-form (lists of objects, replication maps). */
  private static final List<String> OPEN_KEYS =
      List.of(
          "watchfloor.capture.sources",
          "watchfloor.store.replication",
          // Alertmanager-shaped; the alerting config reader checks these strictly, with paths.
          "watchfloor.alerting.route",
          "watchfloor.alerting.receivers",
          "watchfloor.alerting.inhibit_rules",
          "watchfloor.alerting.time_intervals",
          "watchfloor.alerting.host_tags",
          "watchfloor.alerting.playbooks");

  private NodeConfig() {}

  /** Thrown for a config the node cannot run with; the message is for the user, one line. */
  public static final class BadConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadConfigException(String message) {
      super(message);
    }
  }

  /** Defaults only (plus system properties). */
  public static Config defaults() {
    return load(ConfigFactory.empty());
  }

  /** The file over the defaults; the file must exist and be valid HOCON. */
  public static Config fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadConfigException("config file not found: " + file);
    }
    Config user;
    try {
      user =
          ConfigFactory.parseFile(
              file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (ConfigException e) {
      throw new BadConfigException("config file " + file + " is not valid: " + e.getMessage());
    }
    return load(user);
  }

  /** {@code overrides} over the defaults, validated. */
  public static Config load(Config overrides) {
    Config reference = ConfigFactory.defaultReference();
    checkKnownKeys(overrides, reference);
    try {
      // unresolved: reference substitutions such as the passivation timeout's
      // ${watchfloor.host.idle-timeout} must see the user's value, not the default
      return ConfigFactory.systemProperties()
          .withFallback(overrides)
          .withFallback(ConfigFactory.defaultApplication())
          .withFallback(ConfigFactory.defaultReferenceUnresolved())
          .resolve();
    } catch (ConfigException e) {
      throw new BadConfigException("bad configuration: " + e.getMessage());
    }
  }

  static void checkKnownKeys(Config user, Config reference) {
    if (!user.hasPath("watchfloor")) {
      return;
    }
    List<String> unknown = new ArrayList<>();
    walk("watchfloor", user.getValue("watchfloor"), reference, unknown);
    if (!unknown.isEmpty()) {
      throw new BadConfigException(
          "unknown config key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
              + " (see docs/configuration.md)");
    }
  }

  private static void walk(String path, ConfigValue value, Config reference, List<String> unknown) {
    if (OPEN_KEYS.contains(path)) {
      return;
    }
    if (!reference.hasPathOrNull(path)) {
      unknown.add(path);
      return;
    }
    if (value.valueType() == ConfigValueType.OBJECT) {
      for (Map.Entry<String, ConfigValue> e : ((com.typesafe.config.ConfigObject) value).entrySet()) {
        walk(path + "." + quoteIfNeeded(e.getKey()), e.getValue(), reference, unknown);
      }
    }
  }

  private static String quoteIfNeeded(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
  }
}

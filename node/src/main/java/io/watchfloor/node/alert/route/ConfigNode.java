package io.watchfloor.node.alert.route;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One object of the alerting config, read strictly: it knows its own path ({@code
 * watchfloor.alerting.route.routes[2]}) so every error says where, and it rejects keys it was not
 * told about, since a misspelt {@code recevier} would otherwise silently route nothing.
 */
public final class ConfigNode {
  private final String path;
  private final Config config;

  public ConfigNode(String path, Config config) {
    this.path = path;
    this.config = config;
  }

  public String path() {
    return path;
  }

  public String path(String key) {
    return path + "." + key;
  }

  /** Fails on any key not in {@code allowed}. */
  public ConfigNode allowOnly(Set<String> allowed) {
    for (String key : config.root().keySet()) {
      if (!allowed.contains(key)) {
        throw new RoutingConfigException(
            path(key), "unknown key (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  public boolean has(String key) {
    return config.root().containsKey(key);
  }

  public String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    try {
      return config.getString(quoted(key));
    } catch (ConfigException e) {
      throw new RoutingConfigException(path(key), "must be a string");
    }
  }

  public String requiredString(String key) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw new RoutingConfigException(path(key), "is required");
    }
    return s;
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    try {
      return config.getBoolean(quoted(key));
    } catch (ConfigException e) {
      throw new RoutingConfigException(path(key), "must be true or false");
    }
  }

  public Duration duration(String key, Duration fallback) {
    if (!has(key)) {
      return fallback;
    }
    try {
      Duration d = config.getDuration(quoted(key));
      if (d.isNegative()) {
        throw new RoutingConfigException(path(key), "must not be negative");
      }
      return d;
    } catch (ConfigException e) {
      throw new RoutingConfigException(path(key), "must be a duration such as 30s, 5m or 4h");
    }
  }

  public List<String> strings(String key) {
    if (!has(key)) {
      return List.of();
    }
    try {
      return config.getStringList(quoted(key));
    } catch (ConfigException e) {
      throw new RoutingConfigException(path(key), "must be a list of strings");
    }
  }

  public List<ConfigNode> objects(String key) {
    if (!has(key)) {
      return List.of();
    }
    List<? extends Config> list;
    try {
      list = config.getConfigList(quoted(key));
    } catch (ConfigException e) {
      throw new RoutingConfigException(path(key), "must be a list of objects");
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(new ConfigNode(path(key) + "[" + i + "]", list.get(i)));
    }
    return out;
  }

  public ConfigNode object(String key) {
    try {
      return new ConfigNode(path(key), config.getConfig(quoted(key)));
    } catch (ConfigException e) {
      throw new RoutingConfigException(path(key), "must be an object");
    }
  }

  /** An object of string values (tags, headers). */
  public Map<String, String> stringMap(String key) {
    if (!has(key)) {
      return Map.of();
    }
    ConfigValue v = config.root().get(key);
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new RoutingConfigException(path(key), "must be an object of strings");
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : ((com.typesafe.config.ConfigObject) v).entrySet()) {
      if (e.getValue().valueType() == ConfigValueType.OBJECT || e.getValue().valueType() == ConfigValueType.LIST) {
        throw new RoutingConfigException(path(key) + "." + e.getKey(), "must be a string");
      }
      out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return out;
  }

  /** This object's own keys and (scalar) values as strings. */
  public Map<String, String> scalars() {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.root().entrySet()) {
      if (e.getValue().valueType() == ConfigValueType.OBJECT || e.getValue().valueType() == ConfigValueType.LIST) {
        throw new RoutingConfigException(path(e.getKey()), "must be a string");
      }
      out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return out;
  }

  private static String quoted(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
  }
}

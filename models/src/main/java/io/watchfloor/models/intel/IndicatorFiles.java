package io.watchfloor.models.intel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.ip.IpPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads indicator files. A file ending in {@code .json} is a STIX 2.1 bundle (or a bare array of
 * objects) whose {@code indicator} objects carry patterns such as {@code [ipv4-addr:value =
 * '198.51.100.7']}, {@code [ipv4-addr:value ISSUBSET '203.0.113.0/24']}, {@code [domain-name:value
 * = 'evil.example']} or {@code [x-ja3:value = '…']}, several joined with {@code OR}; anything else
 * is CSV: {@code type,value[,description]} per line, type one of ip, cidr, domain, ja3, with
 * {@code #} comments and an optional {@code type,value,description} header.
 *
 * <p>A bad line or pattern is reported with its file and line (or indicator id) and skipped; the
 * rest of the file loads.
 */
public final class IndicatorFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMPARISON =
      Pattern.compile(
          "([a-z0-9-]+):value\\s*(=|ISSUBSET)\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);
  private static final Pattern JA3 = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

  private IndicatorFiles() {}

  /** What reading one file gave: the indicators and the problems, one line each. */
  public record Result(List<Indicator> indicators, List<String> problems) {}

  /** Reads a file; an unreadable file is an {@link IOException}. */
  public static Result read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") ? readStix(file) : readCsv(file);
  }

  private static Result readCsv(Path file) throws IOException {
    List<Indicator> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty() || line.startsWith("#") || (n == 1 && line.toLowerCase(Locale.ROOT).startsWith("type,"))) {
        continue;
      }
      String source = file + ":" + n;
      String[] cols = line.split(",", 3);
      try {
        if (cols.length < 2) {
          throw new IllegalArgumentException("expected type,value[,description]");
        }
        String description = cols.length == 3 ? unquote(cols[2]) : "";
        out.add(indicator(Indicator.Kind.of(cols[0]), unquote(cols[1]), description, source));
      } catch (IllegalArgumentException e) {
        problems.add(source + ": " + e.getMessage());
      }
    }
    return new Result(out, problems);
  }

  private static Result readStix(Path file) throws IOException {
    List<Indicator> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      problems.add(file + ": not valid JSON: " + e.getOriginalMessage());
      return new Result(out, problems);
    }
    JsonNode objects = root.isArray() ? root : root.path("objects");
    if (!objects.isArray()) {
      problems.add(file + ": expected a STIX bundle with an \"objects\" array");
      return new Result(out, problems);
    }
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      if (!"indicator".equals(o.path("type").asText())) {
        continue;
      }
      String id = o.path("id").asText("objects[" + i + "]");
      String source = file + ":" + id;
      String pattern = o.path("pattern").asText("");
      String description = o.path("name").asText(o.path("description").asText(""));
      Matcher m = COMPARISON.matcher(pattern);
      int found = 0;
      while (m.find()) {
        found++;
        try {
          out.add(indicator(kindOf(m.group(1), m.group(2)), m.group(3), description, source));
        } catch (IllegalArgumentException e) {
          problems.add(source + ": " + e.getMessage());
        }
      }
      if (found == 0) {
        problems.add(source + ": no supported comparison in pattern '" + pattern + "'");
      }
    }
    return new Result(out, problems);
  }

  private static Indicator.Kind kindOf(String object, String operator) {
    String o = object.toLowerCase(Locale.ROOT);
    boolean subset = operator.equalsIgnoreCase("ISSUBSET");
    return switch (o) {
      case "ipv4-addr", "ipv6-addr" -> subset ? Indicator.Kind.CIDR : Indicator.Kind.IP;
      case "domain-name" -> Indicator.Kind.DOMAIN;
      case "x-ja3" -> Indicator.Kind.JA3;
      default -> throw new IllegalArgumentException("unsupported STIX object '" + object
          + "' (ipv4-addr, ipv6-addr, domain-name, x-ja3)");
    };
  }

  /** Validates and normalises one indicator value. */
  static Indicator indicator(Indicator.Kind kind, String raw, String description, String source) {
    String v = raw.strip();
    String value = switch (kind) {
      case IP -> v.contains("/") ? IpPrefix.parse(v).toString() : IpAddress.parse(v).toString();
      case CIDR -> IpPrefix.parse(v).toString();
      case DOMAIN -> domain(v);
      case JA3 -> ja3(v);
    };
    Indicator.Kind k = kind == Indicator.Kind.IP && v.contains("/") ? Indicator.Kind.CIDR : kind;
    return new Indicator(k, value, description, source);
  }

  private static String domain(String v) {
    String d = v.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 253 || !DOMAIN.matcher(d).matches()) {
      throw new IllegalArgumentException("not a domain name: '" + v + "'");
    }
    return d;
  }

  private static String ja3(String v) {
    String h = v.toLowerCase(Locale.ROOT);
    if (!JA3.matcher(h).matches()) {
      throw new IllegalArgumentException("not a JA3 hash (32 hex digits): '" + v + "'");
    }
    return h;
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}

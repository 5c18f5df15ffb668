package io.watchfloor.node.alert.route;

import io.watchfloor.protocol.ip.IpPrefix;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style label matcher: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}. Regular expressions are anchored, as in Alertmanager. On an address label
 * ({@code source.ip}, {@code destination.ip}, {@code host}) a value with a '/' is a CIDR network:
 * {@code source.ip=10.1.0.0/16} matches every address inside it. A missing label is the empty string.
 */
public record Matcher(String name, Op op, String value) {
  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

  /** The four operators, as written. */
  public enum Op {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public Matcher {
    if (op == Op.REGEX || op == Op.NOT_REGEX) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "'" + value + "' is not a regular expression: " + e.getDescription());
      }
    } else if (isCidr(name, value)) {
      IpPrefix.parse(value);
    }
  }

  /** Parses {@code name OP value}; the value may be in double quotes. */
  public static Matcher parse(String text) {
    java.util.regex.Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a matcher (LABEL=VALUE, LABEL!=VALUE, LABEL=~REGEX or LABEL!~REGEX)");
    }
    String op = m.group(2);
    String value = m.group(3);
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
    }
    Op parsed =
        switch (op) {
          case "=" -> Op.EQUAL;
          case "!=" -> Op.NOT_EQUAL;
          case "=~" -> Op.REGEX;
          default -> Op.NOT_REGEX;
        };
    return new Matcher(m.group(1), parsed, value);
  }

  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (op) {
      case EQUAL -> equal(actual);
      case NOT_EQUAL -> !equal(actual);
      case REGEX -> Pattern.matches(value, actual);
      case NOT_REGEX -> !Pattern.matches(value, actual);
    };
  }

  private boolean equal(String actual) {
    return isCidr(name, value) ? IpPrefix.parse(value).containsLiteral(actual) : value.equals(actual);
  }

  private static boolean isCidr(String name, String value) {
    return value.contains("/") && AlertLabels.ADDRESS_LABELS.contains(name);
  }

  @Override
  public String toString() {
    return name + op.symbol + "\"" + value.replace("\"", "\\\"") + "\"";
  }
}

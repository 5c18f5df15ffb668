package io.watchfloor.node.http;

import io.watchfloor.protocol.ip.IpAddress;
import io.watchfloor.protocol.ip.IpPrefix;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parsing and validation of query parameters; every failure is a 400 naming the parameter. */
final class QueryParams {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private QueryParams() {}

  /** A literal IP address, normalised (no host names: nothing is ever looked up). */
  static String ip(String name, String value) {
    try {
      return IpAddress.parse(value).toString();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(name + " '" + value + "' is not an IPv4 or IPv6 address");
    }
  }

  /** ISO-8601 instant (2024-05-01T10:00:00Z) or epoch milliseconds. */
  static Optional<Instant> instant(String name, Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      return Optional.empty();
    }
    String v = value.get().trim();
    try {
      if (v.matches("-?\\d{1,15}")) {
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
      }
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw ApiError.badRequest(
          name + " '" + v + "' is not a time: use ISO-8601 (2024-05-01T10:00:00Z) or epoch milliseconds");
    }
  }

  static int limit(Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value.get().trim());
      if (n < 1 || n > MAX_LIMIT) {
        throw ApiError.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("limit '" + value.get() + "' is not a number");
    }
  }

  static String site(Optional<String> value, String defaultSite) {
    String s = value.filter(v -> !v.isBlank()).orElse(defaultSite);
    if (!s.matches("[A-Za-z0-9._-]{1,64}")) {
      throw ApiError.badRequest("site '" + s + "' is not a site name");
    }
    return s;
  }

  /** A CIDR prefix such as 10.0.0.0/8 (a bare address is one host). */
  static Optional<IpPrefix> cidr(Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(IpPrefix.parse(value.get().trim()));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("cidr: " + e.getMessage());
    }
  }

  /** A non-negative offset into a result list, at most {@code max}. */
  static int offset(Optional<String> value, int max) {
    if (value.isEmpty() || value.get().isBlank()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(value.get().trim());
      if (n < 0 || n > max) {
        throw ApiError.badRequest("offset must be between 0 and " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("offset '" + value.get() + "' is not a number");
    }
  }

  /** One of the allowed values, or the first when absent. */
  static String choice(String name, Optional<String> value, java.util.List<String> allowed) {
    if (value.isEmpty() || value.get().isBlank()) {
      return allowed.get(0);
    }
    String v = value.get().trim();
    if (!allowed.contains(v)) {
      throw ApiError.badRequest(name + " must be one of " + allowed + ", was '" + v + "'");
    }
    return v;
  }

  /** A detector id (ECS rule.name): lower-case letters and underscores. */
  static String detector(String value) {
    String v = value.trim();
    if (!v.matches("[a-z_]{1,64}")) {
      throw ApiError.badRequest("detector '" + v + "' is not a detector id (rule.name such as port_scan)");
    }
    return v;
  }

  /** The least severity: low, medium, high or critical. */
  static io.watchfloor.protocol.alert.Severity severity(String value) {
    for (io.watchfloor.protocol.alert.Severity s : io.watchfloor.protocol.alert.Severity.values()) {
      if (s.name().equalsIgnoreCase(value.trim())) {
        return s;
      }
    }
    throw ApiError.badRequest("severity must be low, medium, high or critical, was '" + value + "'");
  }
}

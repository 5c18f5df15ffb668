package io.watchfloor.node.alert.receiver;

import java.time.Duration;

/**
 * What one delivery attempt came to.
 *
 * @param retryAfter the receiver's {@code Retry-After}, or null
 * @param error why it failed (safe to log: no secrets), or null when delivered
 */
public record DeliveryOutcome(Kind kind, Duration retryAfter, String error) {
  /** Delivered; worth retrying (connection error, 429, 5xx); or rejected for good (other 4xx, bad config). */
  public enum Kind {
    DELIVERED,
    RETRY,
    REJECTED
  }

  public static DeliveryOutcome delivered() {
    return new DeliveryOutcome(Kind.DELIVERED, null, null);
  }

  public static DeliveryOutcome retry(String error, Duration retryAfter) {
    return new DeliveryOutcome(Kind.RETRY, retryAfter, error);
  }

  public static DeliveryOutcome rejected(String error) {
    return new DeliveryOutcome(Kind.REJECTED, null, error);
  }

  /** Classifies an HTTP status (and its Retry-After header value, or null). */
  public static DeliveryOutcome ofStatus(int status, String retryAfterHeader) {
    if (status >= 200 && status < 300) {
      return delivered();
    }
    if (status == 429 || status >= 500 || status == 408) {
      return retry("HTTP " + status, parseRetryAfter(retryAfterHeader));
    }
    return rejected("HTTP " + status);
  }

  /** Seconds ({@code 120}) or an HTTP date; null when absent or unreadable. */
  static Duration parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      try {
        java.time.ZonedDateTime at =
            java.time.ZonedDateTime.parse(value.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (java.time.format.DateTimeParseException e2) {
        return null;
      }
    }
  }
}

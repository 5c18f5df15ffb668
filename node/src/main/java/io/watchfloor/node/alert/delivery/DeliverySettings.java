package io.watchfloor.node.alert.delivery;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code watchfloor.alerting.delivery}.
 *
 * @param pollInterval how often a worker looks for outbox entries it was not told about (a restart)
 * @param rateLimit requests per {@code ratePeriod} to one receiver
 * @param batch outbox entries a worker loads at once
 */
public record DeliverySettings(
    Duration timeout,
    Duration minBackoff,
    Duration maxBackoff,
    Duration pollInterval,
    int rateLimit,
    Duration ratePeriod,
    int batch) {

  public static DeliverySettings create(Config root) {
    Config c = root.getConfig("watchfloor.alerting.delivery");
    DeliverySettings s = new DeliverySettings(
        c.getDuration("timeout"), c.getDuration("min-backoff"), c.getDuration("max-backoff"),
        c.getDuration("poll-interval"), c.getInt("rate-limit"), c.getDuration("rate-period"), c.getInt("batch"));
    if (s.rateLimit < 1 || s.ratePeriod.isZero() || s.ratePeriod.isNegative()) {
      throw new IllegalArgumentException("watchfloor.alerting.delivery.rate-limit and rate-period must be positive");
    }
    if (s.minBackoff.isZero() || s.maxBackoff.compareTo(s.minBackoff) < 0) {
      throw new IllegalArgumentException(
          "watchfloor.alerting.delivery.min-backoff must be positive and at most max-backoff");
    }
    if (s.batch < 1 || s.pollInterval.isZero() || s.pollInterval.isNegative()) {
      throw new IllegalArgumentException("watchfloor.alerting.delivery.batch and poll-interval must be positive");
    }
    return s;
  }

  /** Spacing between two requests to one receiver. */
  public Duration minGap() {
    return ratePeriod.dividedBy(rateLimit);
  }

  /** Exponential backoff with jitter: a random delay in [d/2, d], d = min-backoff * 2^(attempt-1), capped. */
  public Duration backoff(int attempt, double random) {
    long base = minBackoff.toMillis();
    long d = attempt >= 31 ? maxBackoff.toMillis() : Math.min(maxBackoff.toMillis(), base << Math.max(0, attempt - 1));
    return Duration.ofMillis(d / 2 + (long) (random * (d - d / 2)));
  }
}

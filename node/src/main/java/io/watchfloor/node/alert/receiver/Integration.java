package io.watchfloor.node.alert.receiver;

import java.util.function.Function;

/** One way of reaching a receiver (a PagerDuty service, a Slack channel, a mailbox ...). */
public interface Integration {
  /** Kind of integration, as in the config key ({@code pagerduty}, {@code slack}, {@code email} ...). */
  String kind();

  /** The value of a secret's environment variable; a missing one is an error naming the variable only. */
  static String secret(Function<String, String> env, String variable) {
    String v = env.apply(variable);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("environment variable " + variable + " is not set");
    }
    return v;
  }
}

package io.watchfloor.node.alert.receiver;

import java.util.function.Function;

/** One way of reaching a receiver (a PagerDuty service, a Slack channel ...). */
public interface Integration {
  /** Kind of integration, as in the config key ({@code pagerduty}, {@code slack} ...). */
  String kind();

  /**
   * The request that delivers {@code n}; {@code env} reads environment variables (secrets), and a
   * missing secret is an {@link IllegalStateException} naming the variable, never its value.
   */
  HttpCall call(Notification n, Function<String, String> env);

  static String secret(Function<String, String> env, String variable) {
    String v = env.apply(variable);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("environment variable " + variable + " is not set");
    }
    return v;
  }
}

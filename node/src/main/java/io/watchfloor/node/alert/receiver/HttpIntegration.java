package io.watchfloor.node.alert.receiver;

import java.util.function.Function;

/** An integration reached by one HTTP POST per notification. */
public interface HttpIntegration extends Integration {
  /**
   * The request that delivers {@code n}; {@code env} reads environment variables (secrets), and a
   * missing secret is an {@link IllegalStateException} naming the variable, never its value.
   */
  HttpCall call(Notification n, Function<String, String> env);
}

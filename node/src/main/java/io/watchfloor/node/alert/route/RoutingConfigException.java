package io.watchfloor.node.alert.route;

/** A routing or receiver config the node cannot run with; the message names the key and why. */
public final class RoutingConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public RoutingConfigException(String path, String why) {
    super(path + ": " + why);
  }
}

package io.watchfloor.protocol.netflow;

/** A flow export datagram that does not follow its format; the message says what and where. */
public final class NetflowDecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NetflowDecodeException(String message) {
    super(message);
  }

  public NetflowDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}

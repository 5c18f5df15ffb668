package io.watchfloor.node.capture;

/** The capture input is unusable (not a capture file, truncated, interface missing ...). */
public final class CaptureInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaptureInputException(String message, Throwable cause) {
    super(message, cause);
  }

  public CaptureInputException(String message) {
    super(message);
  }
}

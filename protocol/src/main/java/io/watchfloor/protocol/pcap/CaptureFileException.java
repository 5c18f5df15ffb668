package io.watchfloor.protocol.pcap;

/**
 * A capture file that cannot be read: not a capture file, an unsupported version, or a truncated
 * or corrupt record. The message says what was found and what was expected; {@link #byteOffset()}
 * is where in the file the problem starts.
 */
public final class CaptureFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long byteOffset;

  public CaptureFileException(String message, long byteOffset) {
    super(message);
    this.byteOffset = byteOffset;
  }

  public CaptureFileException(String message, long byteOffset, Throwable cause) {
    super(message, cause);
    this.byteOffset = byteOffset;
  }

  /** Offset in the file, in bytes, of the header or record that could not be read. */
  public long byteOffset() {
    return byteOffset;
  }
}

package io.watchfloor.node.capture;

import io.watchfloor.protocol.decode.DecodedPacket;

/**
 * Where a segment's packets come from. Called from one capture thread only; blocking is allowed
 * (it runs on the capture dispatcher).
 */
interface PacketSource extends AutoCloseable {

  enum Next {
    /** {@link #packet()} holds a freshly decoded packet. */
    PACKET,
    /** Nothing arrived within the read timeout (live capture). */
    IDLE,
    /** The file is exhausted. */
    END
  }

  /** Reads and decodes the next packet; throws {@code CaptureInputException} on unusable input. */
  Next next();

  DecodedPacket packet();

  /** Where the current packet's frame starts in {@code packet().buffer()}. */
  int frameOffset();

  /** Bytes of the input consumed so far, for progress. */
  long position();

  /** Input size in bytes, or -1 for a live interface. */
  long size();

  /** Packets the kernel dropped because capture fell behind; 0 for files. */
  long kernelDrops();

  @Override
  void close();
}

package io.watchfloor.protocol.netflow;

import java.nio.ByteBuffer;

/**
 * Decodes any flow export datagram (NetFlow v5, v9, IPFIX) by its version field. Never throws for
 * bad input: the result carries the reason instead. Holds the templates of all exporters, so use
 * one instance per collector; safe for concurrent use.
 */
public final class FlowExportDecoder {

  /** The version field: the first two bytes of every format. */
  public static final int VERSION_LENGTH = 2;

  private final TemplateCache templates;
  private final NetflowV9Decoder v9;
  private final IpfixDecoder ipfix;

  public FlowExportDecoder() {
    this(new TemplateCache());
  }

  public FlowExportDecoder(TemplateCache templates) {
    this.templates = templates;
    this.v9 = new NetflowV9Decoder(templates);
    this.ipfix = new IpfixDecoder(templates);
  }

  public TemplateCache templates() {
    return templates;
  }

  /**
   * @param datagram one UDP payload, from its position to its limit; not modified
   * @param exporter the sender's address: the template key, and {@code observer.ip} on each flow
   */
  public DecodeResult decode(ByteBuffer datagram, String exporter) {
    if (datagram == null || datagram.remaining() < VERSION_LENGTH) {
      return DecodeResult.failed("datagram of " + (datagram == null ? 0 : datagram.remaining())
          + " bytes is too short for a version field");
    }
    int version = datagram.getShort(datagram.position()) & 0xffff;
    try {
      return switch (version) {
        case NetflowV5Decoder.VERSION ->
            new DecodeResult(NetflowV5Decoder.decode(datagram, exporter), 0, null);
        case NetflowV9Decoder.VERSION -> v9.decode(datagram, exporter);
        case IpfixDecoder.VERSION -> ipfix.decode(datagram, exporter);
        default -> DecodeResult.failed("unsupported flow export version " + version
            + ", expected 5 (NetFlow v5), 9 (NetFlow v9) or 10 (IPFIX)");
      };
    } catch (NetflowDecodeException e) {
      return DecodeResult.failed(e.getMessage());
    } catch (RuntimeException e) {
      // a decoder bug must not take the collector down; keep the reason
      return DecodeResult.failed("cannot decode version " + version + " datagram: " + e);
    }
  }

  /** Convenience for tests and tools. */
  public DecodeResult decode(byte[] datagram, String exporter) {
    return decode(ByteBuffer.wrap(datagram), exporter);
  }
}

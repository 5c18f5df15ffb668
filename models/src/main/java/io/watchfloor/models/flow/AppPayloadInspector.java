package io.watchfloor.models.flow;

import io.watchfloor.protocol.app.AppInspector;
import io.watchfloor.protocol.app.AppProtocol;
import io.watchfloor.protocol.app.ProtocolGuesser;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The payload inspector flows use: guesses the application protocol from the payload (never from
 * the port alone) until one is recognised, then collects that protocol's metadata (DNS names, TLS
 * SNI and JA3, HTTP request line and Host, SSH banner) from the flow's first packets. Allocates only
 * when it learns something.
 */
public final class AppPayloadInspector implements PayloadInspector {
  public static final AppPayloadInspector INSTANCE = new AppPayloadInspector();

  private AppPayloadInspector() {}

  @Override
  public PayloadFinding inspect(
      PayloadFinding previous,
      ByteBuffer buffer,
      int offset,
      int length,
      int ipProtocol,
      int srcPort,
      int dstPort,
      boolean fromInitiator) {
    AppProtocol known = previous == null ? AppProtocol.UNKNOWN : previous.protocol();
    AppProtocol protocol =
        known != AppProtocol.UNKNOWN
            ? known
            : ProtocolGuesser.guess(buffer, offset, length, ipProtocol, srcPort, dstPort);
    if (protocol == AppProtocol.UNKNOWN) {
      return previous;
    }
    Map<String, String> found = AppInspector.inspect(protocol, buffer, offset, length, fromInitiator);
    if (protocol == known && found.isEmpty()) {
      return previous;
    }
    if (previous == null || previous.metadata().isEmpty()) {
      return new PayloadFinding(protocol, found);
    }
    Map<String, String> merged = new HashMap<>(found);
    merged.putAll(previous.metadata()); // the first packet's values win (the query, the first request)
    return new PayloadFinding(protocol, merged);
  }
}

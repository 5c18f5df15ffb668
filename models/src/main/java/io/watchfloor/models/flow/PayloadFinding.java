package io.watchfloor.models.flow;

import io.watchfloor.protocol.app.AppProtocol;
import java.util.Map;

/**
 * What payload inspection learnt about one flow.
 *
 * @param protocol the application protocol, UNKNOWN when not recognised
 * @param metadata application metadata in ECS names (dns.question.name, tls.client.server_name ...)
 */
public record PayloadFinding(AppProtocol protocol, Map<String, String> metadata) {

  public PayloadFinding {
    protocol = protocol == null ? AppProtocol.UNKNOWN : protocol;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}

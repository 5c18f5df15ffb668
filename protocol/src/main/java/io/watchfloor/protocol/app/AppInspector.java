package io.watchfloor.protocol.app;

import io.watchfloor.protocol.app.dns.DnsMessage;
import io.watchfloor.protocol.app.http.HttpRequestLine;
import io.watchfloor.protocol.app.ssh.SshBanner;
import io.watchfloor.protocol.app.tls.TlsClientHello;
import io.watchfloor.protocol.app.smb.SmbTreeConnect;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one payload of a known protocol into the {@link AppMetadata} fields a flow record
 * carries. Returns an empty, shared map when the payload holds nothing to report, so the common
 * case allocates nothing.
 */
public final class AppInspector {

  private AppInspector() {}

  /**
   * @param fromInitiator the payload travels from the flow's initiator (client) to the responder
   * @return immutable fields, empty when the protocol has no parser here or the payload does not
   *     parse
   */
  public static Map<String, String> inspect(AppProtocol protocol, ByteBuffer buf, int offset,
      int length, boolean fromInitiator) {
    if (protocol == null || buf == null || offset < 0 || length <= 0
        || offset > buf.limit() - length) {
      return Map.of();
    }
    return switch (protocol) {
      case DNS -> dns(DnsMessage.parse(buf, offset, length));
      case TLS -> fromInitiator ? tls(TlsClientHello.parse(buf, offset, length)) : Map.of();
      case HTTP -> fromInitiator ? http(HttpRequestLine.parse(buf, offset, length)) : Map.of();
      case SSH -> ssh(SshBanner.parse(buf, offset, length));
      case SMB -> fromInitiator
          ? SmbTreeConnect.share(buf, offset, length).map(s -> Map.of(AppMetadata.SMB_SHARE, s)).orElse(Map.of())
          : Map.of();
      default -> Map.of();
    };
  }

  private static Map<String, String> dns(DnsMessage message) {
    if (message == null) {
      return Map.of();
    }
    Map<String, String> fields = new HashMap<>();
    fields.put(AppMetadata.DNS_QUESTION_NAME, message.questionName());
    fields.put(AppMetadata.DNS_QUESTION_TYPE, message.questionType().mnemonic());
    fields.put(AppMetadata.DNS_TYPE, message.response() ? "answer" : "query");
    if (message.response()) {
      fields.put(AppMetadata.DNS_RESPONSE_CODE, message.responseCode().mnemonic());
      fields.put(AppMetadata.DNS_ANSWERS_COUNT, Integer.toString(message.answerCount()));
      if (!message.txtRdataLengths().isEmpty()) {
        fields.put(AppMetadata.DNS_TXT_BYTES, Integer.toString(message.txtBytes()));
      }
    }
    return Map.copyOf(fields);
  }

  private static Map<String, String> tls(TlsClientHello hello) {
    if (hello == null) {
      return Map.of();
    }
    Map<String, String> fields = new HashMap<>();
    fields.put(AppMetadata.TLS_CLIENT_JA3, hello.ja3Hash());
    if (hello.hasServerName()) {
      fields.put(AppMetadata.TLS_CLIENT_SERVER_NAME, hello.serverName());
    }
    if (!hello.alpnProtocols().isEmpty()) {
      fields.put(AppMetadata.TLS_NEXT_PROTOCOL, String.join(",", hello.alpnProtocols()));
    }
    return Map.copyOf(fields);
  }

  private static Map<String, String> http(HttpRequestLine request) {
    if (request == null) {
      return Map.of();
    }
    Map<String, String> fields = new HashMap<>();
    fields.put(AppMetadata.HTTP_REQUEST_METHOD, request.method());
    fields.put(AppMetadata.URL_ORIGINAL, request.target());
    fields.put(AppMetadata.HTTP_VERSION, request.version());
    if (!request.host().isEmpty()) {
      fields.put(AppMetadata.URL_DOMAIN, request.hostDomain());
    }
    return Map.copyOf(fields);
  }

  private static Map<String, String> ssh(SshBanner banner) {
    return banner == null ? Map.of() : Map.of(AppMetadata.SSH_BANNER, banner.identification());
  }
}

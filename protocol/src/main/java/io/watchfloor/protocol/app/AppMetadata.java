package io.watchfloor.protocol.app;

/**
 * Names of the application fields a flow record carries, as returned by {@link AppInspector}.
 * ECS names where ECS has one (https://www.elastic.co/guide/en/ecs/current/), {@code
 * watchfloor.*} otherwise. Values are strings; lists are joined with {@code ","}.
 */
public final class AppMetadata {

  /** Query name without the trailing dot, RFC 1035 §5.1 escapes for unusual bytes. */
  public static final String DNS_QUESTION_NAME = "dns.question.name";
  /** Mnemonic such as {@code TXT}, or {@code TYPE65280} (RFC 3597 §5) when unknown. */
  public static final String DNS_QUESTION_TYPE = "dns.question.type";
  /** {@code query} or {@code answer}. */
  public static final String DNS_TYPE = "dns.type";
  /** Responses only: {@code NOERROR}, {@code NXDOMAIN}, ... */
  public static final String DNS_RESPONSE_CODE = "dns.response_code";
  /** Responses only: the header's ANCOUNT. */
  public static final String DNS_ANSWERS_COUNT = "dns.answers.count";
  /** Responses with TXT answers only: total TXT rdata bytes, the DNS tunnel's channel width. */
  public static final String DNS_TXT_BYTES = "watchfloor.dns.txt_bytes";
  public static final String TLS_CLIENT_SERVER_NAME = "tls.client.server_name";
  /** MD5 of the JA3 string, lower-case hex. */
  public static final String TLS_CLIENT_JA3 = "tls.client.ja3";
  /** The ClientHello's ALPN list (offered, not negotiated), joined with ",". */
  public static final String TLS_NEXT_PROTOCOL = "tls.next_protocol";
  public static final String HTTP_REQUEST_METHOD = "http.request.method";
  public static final String URL_ORIGINAL = "url.original";
  /** The Host header without port or IPv6 brackets. */
  public static final String URL_DOMAIN = "url.domain";
  /** {@code 1.1}, without the {@code HTTP/} prefix. */
  public static final String HTTP_VERSION = "http.version";
  /** The whole identification line without CR LF. */
  public static final String SSH_BANNER = "watchfloor.ssh.banner";
  /** The share of the first SMB2 TREE_CONNECT request, upper-cased (ADMIN$, C$, IPC$, PROJECTS). */
  public static final String SMB_SHARE = "watchfloor.smb.share";

  private AppMetadata() {}
}

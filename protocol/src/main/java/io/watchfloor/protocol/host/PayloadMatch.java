package io.watchfloor.protocol.host;

import io.watchfloor.protocol.CborSerializable;

/**
 * What payload inspection found in one host's packets towards one peer during one window: one kind
 * of sensitive data, or one signature, counted. Built on the capture thread; the snippet is already
 * redacted there, so nothing downstream (host entity, logs, Cassandra, alert evidence) ever holds
 * the secret itself.
 *
 * @param source which inspection found it: {@code sensitive_data} or {@code signature}
 * @param kind what was found: a sensitive-data kind ({@code card_number}, {@code aws_access_key} ...)
 *     or a signature id ({@code 2100498})
 * @param name a readable name: the kind's description, or the rule's {@code msg}
 * @param category ECS rule.category: the rule's classtype, or the data kind's family
 * @param revision the rule's {@code rev}, 0 for sensitive data
 * @param peer the other end's address
 * @param peerPort the other end's port
 * @param transport "tcp" or "udp"
 * @param protocol the flow's application protocol from its payload, or "" when unknown
 * @param count matches in the window
 * @param flows distinct flows the matches came from (at least 1)
 * @param redactedSample one match with all but its last 4 characters masked, or ""
 */
public record PayloadMatch(
    String source,
    String kind,
    String name,
    String category,
    int revision,
    String peer,
    int peerPort,
    String transport,
    String protocol,
    int count,
    int flows,
    String redactedSample)
    implements CborSerializable {

  public static final String SENSITIVE_DATA = "sensitive_data";
  public static final String SIGNATURE = "signature";

  public PayloadMatch {
    protocol = protocol == null ? "" : protocol;
    redactedSample = redactedSample == null ? "" : redactedSample;
  }
}

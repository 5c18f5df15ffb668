/**
 * Application protocol recognition and metadata from the first payload packets of a flow.
 *
 * <p>{@link io.watchfloor.protocol.app.ProtocolGuesser} names the protocol from payload bytes
 * alone (ports only break ties), so that SSH on port 80 or FTP on port 443 is seen as what it
 * is. {@link io.watchfloor.protocol.app.AppInspector} turns a payload of a known protocol into
 * ECS fields ({@link io.watchfloor.protocol.app.AppMetadata}). Parsers live in one package per
 * protocol, each naming its RFC: {@code dns} (RFC 1035), {@code tls} (RFC 8446, 6066, 7301,
 * JA3), {@code http} (RFC 9112), {@code ssh} (RFC 4253). Signatures of the other protocols are
 * in {@code TextSignatures} and {@code BinarySignatures}, with their RFCs.
 *
 * <p>Nothing here throws on bytes from the wire, copies a payload, or allocates when nothing is
 * found; reads are absolute gets on the caller's buffer.
 */
package io.watchfloor.protocol.app;

/**
 * Decoders for flow export datagrams: Cisco NetFlow version 5 (the fixed 24-byte header and
 * 48-byte record of Cisco's "NetFlow Export Datagram Format"), NetFlow version 9 (RFC 3954) and
 * IPFIX (RFC 7011 protocol, RFC 7012 information model; element ids from IANA's "IPFIX
 * Information Elements" registry).
 *
 * <p>NetFlow and IPFIX records are unidirectional: every record becomes one {@link
 * io.watchfloor.protocol.flow.FlowRecord} with the destination counters at zero and end reason
 * "exported". Template-based formats need state: {@link
 * io.watchfloor.protocol.netflow.TemplateCache} keeps the templates of every exporter, keyed by
 * exporter address, source id / observation domain id and template id.
 *
 * <p>{@link io.watchfloor.protocol.netflow.FlowExportDecoder} is the entry point: it dispatches on
 * the version field and never throws for bad input. The per-version decoders throw the unchecked
 * {@link io.watchfloor.protocol.netflow.NetflowDecodeException}, saying what was found and what
 * was expected. Every length is checked before it is read; fields we do not use are skipped by
 * their declared length; data for a template we have not seen is counted, not an error.
 */
package io.watchfloor.protocol.netflow;

package io.watchfloor.node.netflow;

/**
 * A snapshot of a {@link NetflowCollector}'s counters since it started.
 *
 * @param datagrams datagrams received
 * @param flows flow records handed to the consumer
 * @param decodeErrors datagrams rejected as malformed or of an unsupported version
 * @param unknownTemplateRecords data sets that arrived before their template (see {@link
 *     io.watchfloor.protocol.netflow.DecodeResult#unknownTemplateRecords()})
 * @param consumerFailures flow records the consumer threw on
 */
public record CollectorStats(
    long datagrams,
    long flows,
    long decodeErrors,
    long unknownTemplateRecords,
    long consumerFailures) {}

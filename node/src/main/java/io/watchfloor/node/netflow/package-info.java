/**
 * The NetFlow v5 / v9 / IPFIX collector: a UDP socket as a Pekko stream, each datagram decoded by
 * {@link io.watchfloor.protocol.netflow.FlowExportDecoder} into flow records for the caller.
 */
package io.watchfloor.node.netflow;

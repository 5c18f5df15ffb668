package io.watchfloor.models.flow;

/**
 * Counters of a {@link FlowTable} at one moment.
 *
 * @param packets packets offered to the table
 * @param flowsCreated records started (a record split by the active timeout counts again)
 * @param flowsExported records handed to the sink
 * @param flowsEvicted records exported early because the table was full
 * @param activeFlows records in the table now
 * @param duplicatesDropped packets dropped as copies of a packet seen within the dedup window
 * @param overlappingFragments IP fragments overlapping a fragment of the same datagram
 * @param ignoredPackets packets that form no flow: ICMP of an unknown type, ICMP errors quoting no
 *     IP header, frames of unsupported link types (argus ignores the same packets)
 */
public record FlowStats(
    long packets,
    long flowsCreated,
    long flowsExported,
    long flowsEvicted,
    long activeFlows,
    long duplicatesDropped,
    long overlappingFragments,
    long ignoredPackets) {}

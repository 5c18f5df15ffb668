/**
 * Packet evidence: the packets behind an anomaly, handed over as a pcap. File segments answer from
 * their capture file; live segments keep a bounded on-disk ring of what they captured.
 */
package io.watchfloor.node.evidence;

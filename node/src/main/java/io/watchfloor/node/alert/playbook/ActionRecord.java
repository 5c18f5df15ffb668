package io.watchfloor.node.alert.playbook;

import io.watchfloor.protocol.CborSerializable;

/**
 * One playbook action that ran for an alert.
 *
 * @param anomalyId the alert (the first anomaly of the group that triggered the playbook)
 * @param step position of the action in its playbook
 * @param detail what it did: the receiver told, the ticket host, the pcap link, the recommendation
 */
public record ActionRecord(
    String anomalyId, String playbook, int step, String action, long ranAtMillis, String groupId, String detail)
    implements CborSerializable {}

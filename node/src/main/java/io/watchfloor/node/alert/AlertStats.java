package io.watchfloor.node.alert;

import io.watchfloor.protocol.CborSerializable;

/**
 * What a node's alert dispatcher has done.
 *
 * @param received distinct anomalies received
 * @param pending deliveries (file line or webhook POST) still under way
 */
public record AlertStats(
    long received,
    long linesWritten,
    long lineFailures,
    long webhookDelivered,
    long webhookFailures,
    long pending)
    implements CborSerializable {}

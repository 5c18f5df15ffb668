package io.watchfloor.node.alert;

import io.watchfloor.protocol.CborSerializable;

/**
 * What the alert router has done since start.
 *
 * @param enqueued notifications written to the outbox
 * @param inFlight outbox writes under way
 * @param groups alert groups alive now
 * @param groupsRestored open groups loaded from Cassandra when this router started
 */
public record AlertRouterStats(long anomalies, long enqueued, long enqueueFailures, int inFlight, int groups, int groupsRestored)
    implements CborSerializable {}

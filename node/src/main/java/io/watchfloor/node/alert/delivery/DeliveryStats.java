package io.watchfloor.node.alert.delivery;

import io.watchfloor.protocol.CborSerializable;

/**
 * What a receiver's worker has done since start.
 *
 * @param queued entries loaded and not yet done
 * @param retries failed attempts that will be tried again
 * @param rejected entries the receiver refused for good (recorded, logged, not retried)
 */
public record DeliveryStats(String receiver, long delivered, long retries, long rejected, int queued, String lastError)
    implements CborSerializable {}

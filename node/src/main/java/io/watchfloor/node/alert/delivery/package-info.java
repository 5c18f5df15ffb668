/**
 * Delivery from the Cassandra outbox to receivers: one worker per receiver, one request in flight,
 * a rate limit, exponential backoff with jitter on connection errors, 429 (honouring Retry-After)
 * and 5xx, and a delivery record that keeps a restart from resending.
 */
package io.watchfloor.node.alert.delivery;

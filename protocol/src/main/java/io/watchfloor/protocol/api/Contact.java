package io.watchfloor.protocol.api;

import io.watchfloor.protocol.CborSerializable;

/**
 * One of a host's top peers or destination ports in its last window, from the flows it started.
 *
 * @param key the peer address, or "transport/port" (e.g. "tcp/443")
 * @param bytes bytes both ways
 * @param packets packets both ways
 * @param connections flows
 */
public record Contact(String key, long bytes, long packets, int connections) implements CborSerializable {}

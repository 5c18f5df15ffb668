package io.watchfloor.protocol;

/**
 * Marker for every message that crosses actors or nodes. The node binds it to Pekko's Jackson CBOR
 * serializer; nothing in this module depends on Pekko.
 */
public interface CborSerializable {}

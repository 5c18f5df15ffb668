package io.watchfloor.models.baseline;

/**
 * What a window shows that its host had not done before: peers it never contacted and
 * (transport, port) services it never used, as judged against the host's own memory.
 *
 * @param newPeers distinct peers of the window's flows the host had not contacted before
 * @param newPorts distinct (transport, peer port) pairs the host had not used before
 */
public record Novelty(int newPeers, int newPorts) {

  public static final Novelty NONE = new Novelty(0, 0);
}

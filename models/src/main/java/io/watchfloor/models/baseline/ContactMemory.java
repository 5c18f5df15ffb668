package io.watchfloor.models.baseline;

import io.watchfloor.models.collect.LongIntMap;
import io.watchfloor.protocol.host.FlowSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The peers and services (transport, peer port) a host has contacted, so a window can say how many
 * of its flows went somewhere new. Bounded: two generations of at most {@code capacity} entries
 * each; when the current one fills, it becomes the previous one and the oldest is forgotten — a
 * peer not contacted for two generations counts as new again.
 */
public final class ContactMemory {
  private static final int FORMAT_VERSION = 1;
  private static final long PORT_TAG = 0x5bd1e9955bd1e995L;

  private final int capacity;
  private LongIntMap current;
  private LongIntMap previous;

  public ContactMemory(int capacity) {
    if (capacity < 16) {
      throw new IllegalArgumentException("contact memory capacity must be at least 16, was " + capacity);
    }
    this.capacity = capacity;
    this.current = new LongIntMap(64);
    this.previous = new LongIntMap(16);
  }

  /** What the flows show that this memory has not seen; does not learn them. */
  public Novelty novelty(Iterable<FlowSummary> flows) {
    LongIntMap seenPeers = new LongIntMap(16);
    LongIntMap seenPorts = new LongIntMap(16);
    int newPeers = 0;
    int newPorts = 0;
    for (FlowSummary f : flows) {
      long peer = peerKey(f);
      if (!known(peer) && !seenPeers.contains(peer)) {
        seenPeers.put(peer, 1);
        newPeers++;
      }
      long port = portKey(f);
      if (!known(port) && !seenPorts.contains(port)) {
        seenPorts.put(port, 1);
        newPorts++;
      }
    }
    return new Novelty(newPeers, newPorts);
  }

  /** Remembers the flows' peers and services. */
  public void learn(Iterable<FlowSummary> flows) {
    for (FlowSummary f : flows) {
      remember(peerKey(f));
      remember(portKey(f));
    }
  }

  public int size() {
    return current.size() + previous.size();
  }

  private boolean known(long key) {
    return current.contains(key) || previous.contains(key);
  }

  private void remember(long key) {
    if (current.contains(key)) {
      return;
    }
    if (current.size() >= capacity) {
      previous = current;
      current = new LongIntMap(64);
    }
    current.put(key, 1);
  }

  private static long peerKey(FlowSummary f) {
    return nonZero(mix(f.peer().hashCode() * 31L + f.peer().length()));
  }

  private static long portKey(FlowSummary f) {
    return nonZero(mix((f.transport().hashCode() * 65_537L + f.peerPort()) ^ PORT_TAG));
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  private static long nonZero(long key) {
    return key == 0 ? 1 : key;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 8 * size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT_VERSION);
      writeKeys(out, previous);
      writeKeys(out, current);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeKeys(DataOutputStream out, LongIntMap keys) throws IOException {
    out.writeInt(keys.size());
    IOException[] failure = new IOException[1];
    keys.forEach(
        (key, v) -> {
          try {
            out.writeLong(key);
          } catch (IOException e) {
            failure[0] = e;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  /** Restores a memory written by {@link #toBytes()}. */
  public static ContactMemory fromBytes(byte[] data, int capacity) {
    ContactMemory m = new ContactMemory(capacity);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "contact memory snapshot has format " + version + ", expected " + FORMAT_VERSION);
      }
      m.previous = readKeys(in);
      m.current = readKeys(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("contact memory snapshot is truncated", e);
    }
    return m;
  }

  private static LongIntMap readKeys(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IllegalArgumentException("contact memory snapshot has " + n + " keys");
    }
    LongIntMap keys = new LongIntMap(Math.max(16, n));
    for (int i = 0; i < n; i++) {
      keys.put(in.readLong(), 1);
    }
    return keys;
  }
}

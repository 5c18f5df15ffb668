package io.watchfloor.models.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A bounded uniform sample (reservoir, Vitter's algorithm R) of the normal windows hosts offered
 * since the last training, holding at most {@code maxPerHost} of any one host: a busy server sends
 * far more windows than a workstation, and must not make the site model a model of itself.
 * Not thread-safe: one owner (the node's site model keeper; the synthetic evaluation's replay).
 */
public final class NormalWindowPool {
  private final int capacity;
  private final int maxPerHost;
  private final Random random;
  private final List<double[]> windows = new ArrayList<>();
  private final List<String> owners = new ArrayList<>();
  private final Map<String, Integer> perHost = new HashMap<>();
  private long offered;

  public NormalWindowPool(int capacity, int maxPerHost, long seed) {
    this.capacity = capacity;
    this.maxPerHost = maxPerHost;
    this.random = new Random(seed);
  }

  /** @return true when the window was kept */
  public boolean offer(String host, double[] window) {
    if (perHost.getOrDefault(host, 0) >= maxPerHost) {
      return false;
    }
    offered++;
    if (windows.size() < capacity) {
      windows.add(window);
      owners.add(host);
      perHost.merge(host, 1, Integer::sum);
      return true;
    }
    long slot = random.nextLong(offered);
    if (slot >= capacity) {
      return false;
    }
    int i = (int) slot;
    perHost.computeIfPresent(owners.get(i), (h, n) -> n == 1 ? null : n - 1);
    windows.set(i, window);
    owners.set(i, host);
    perHost.merge(host, 1, Integer::sum);
    return true;
  }

  public int size() {
    return windows.size();
  }

  /** Distinct hosts among the pooled windows. */
  public int hosts() {
    return perHost.size();
  }

  /** True when the pool holds at least {@code minWindows} windows of at least {@code minHosts} hosts. */
  public boolean holds(int minWindows, int minHosts) {
    return windows.size() >= minWindows && perHost.size() >= minHosts;
  }

  /** The pooled windows; the pool starts over empty. */
  public List<double[]> drain() {
    List<double[]> out = List.copyOf(windows);
    windows.clear();
    owners.clear();
    perHost.clear();
    offered = 0;
    return out;
  }
}

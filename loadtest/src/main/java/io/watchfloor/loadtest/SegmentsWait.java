package io.watchfloor.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Waits until a node or cluster has finished analysing its capture-file segments and prints one
 * summary line ({@code ops/bench-scale}): {@code segments=… packets=… windows=… span_s=… pps=…
 * windows_per_s=… starts_spread_s=…}, the span running from the first segment's start to the last
 * one's finish as the nodes report them on {@code GET /api/v1/segments} (each node is asked; a
 * segment is counted once); starts_spread = last segment start − first (nodes that came up later).
 *
 * <p>usage: {@code SegmentsWait --expect N --timeout-s T URL...} (nodes with authentication off).
 */
public final class SegmentsWait {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Segment(String node, String state, long packets, long windows, long started, long finished) {}

  public static void main(String[] args) throws Exception {
    int expect = 0;
    long timeoutMillis = 600_000;
    java.util.List<String> bases = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--expect" -> expect = Integer.parseInt(args[++i]);
        case "--timeout-s" -> timeoutMillis = Long.parseLong(args[++i]) * 1000;
        default -> bases.add(args[i]);
      }
    }
    if (expect <= 0 || bases.isEmpty()) {
      throw new IllegalArgumentException("usage: SegmentsWait --expect N [--timeout-s T] URL...");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    Map<String, Segment> seen = new HashMap<>();
    long lastReport = 0;
    while (true) {
      for (String base : bases) {
        try {
          HttpResponse<String> r = client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/segments")).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            for (JsonNode s : JSON.readTree(r.body()).path("segments")) {
              Segment seg = new Segment(base, s.path("state").asText(), s.path("packets").asLong(),
                  s.path("windows_delivered").asLong(), s.path("started_at_millis").asLong(),
                  s.path("finished_at_millis").asLong());
              seen.merge(s.path("segment").asText(), seg, (a, b) -> a.finished > 0 ? a : b);
            }
          }
        } catch (java.io.IOException e) {
          // a node still starting or already busy: ask again on the next round
        }
      }
      long done = seen.values().stream().filter(s -> s.state.equals("COMPLETED") || s.state.equals("FAILED")).count();
      if (done >= expect) {
        break;
      }
      if (System.currentTimeMillis() > deadline) {
        System.out.println("timeout segments_seen=" + seen.size() + " finished=" + done + " expected=" + expect);
        System.exit(1);
      }
      if (System.currentTimeMillis() - lastReport > 5_000) {
        long packets = seen.values().stream().mapToLong(Segment::packets).sum();
        System.err.printf(Locale.ROOT, "  %d of %d segments finished, %,d packets so far%n", done, expect, packets);
        lastReport = System.currentTimeMillis();
      }
      Thread.sleep(250);
    }
    long failed = seen.values().stream().filter(s -> s.state.equals("FAILED")).count();
    long packets = seen.values().stream().mapToLong(Segment::packets).sum();
    long windows = seen.values().stream().mapToLong(Segment::windows).sum();
    long start = seen.values().stream().mapToLong(Segment::started).filter(v -> v > 0).min().orElse(0);
    long end = seen.values().stream().mapToLong(Segment::finished).max().orElse(0);
    // Nodes start their segments as they come up; from the last segment's start on, every node is
    // busy, which the "all started" span measures (packets counted from that moment on are not
    // known, so its rates are over all packets: an upper bound when the starts are far apart).
    long lastStart = seen.values().stream().mapToLong(Segment::started).max().orElse(0);
    double span = (end - start) / 1e3;
    double allStarted = (end - lastStart) / 1e3;
    System.out.printf(Locale.ROOT,
        "segments=%d failed=%d packets=%d windows=%d span_s=%.2f pps=%.0f windows_per_s=%.0f starts_spread_s=%.2f%n",
        seen.size(), failed, packets, windows, span, packets / span, windows / span, allStarted > 0 ? span - allStarted : 0);
  }
}

package io.watchfloor.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model HTTP load on a running node's per-host endpoints ({@code ops/bench-api}).
 *
 * <p>Request {@code i} of a step is due at {@code start + i / rate}, whatever happened to earlier
 * requests, and its latency is counted from that intended send time, not from the moment the
 * client got round to sending it: a stalled server or a saturated client shows up as latency
 * instead of silently lowering the offered rate (coordinated omission, as wrk2 corrects it). Every
 * latency of a step is kept, so percentiles are exact, not histogram buckets.
 *
 * <p>At most {@code --connections} requests are in flight (so at most that many keep-alive
 * connections, as wrk2's {@code -c}); a request due while all are busy waits in the client, and
 * that wait is part of its latency.
 *
 * <p>usage: {@code ApiLoad --base http://127.0.0.1:8080 --token wf_… [--rates 500,1000,2000]
 * [--seconds 20] [--warmup-seconds 5] [--endpoints host,list,static,health] [--connections 64]}
 * (static = the dashboard page, the HTTP stack alone; health = one Cassandra round trip). One line per (endpoint, rate) on
 * stdout: {@code endpoint=host rate=2000 sent=… ok=… errors=… achieved_rps=… p50_ms=… p90_ms=…
 * p99_ms=… p999_ms=… max_ms=…}.
 */
public final class ApiLoad {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final String base;
  private final String token;

  private final int connections;

  private ApiLoad(String base, String token, int connections) {
    this.connections = connections;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    this.base = base;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    String base = "http://127.0.0.1:8080";
    String token = null;
    int[] rates = {500, 1000, 2000};
    int seconds = 20;
    int warmup = 5;
    List<String> endpoints = List.of("host", "list");
    int connections = 64;
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--base" -> base = need(v, args[i++]);
        case "--token" -> token = need(v, args[i++]);
        case "--rates" -> rates = Arrays.stream(need(v, args[i++]).split(",")).mapToInt(Integer::parseInt).toArray();
        case "--seconds" -> seconds = Integer.parseInt(need(v, args[i++]));
        case "--warmup-seconds" -> warmup = Integer.parseInt(need(v, args[i++]));
        case "--endpoints" -> endpoints = List.of(need(v, args[i++]).split(","));
        case "--connections" -> connections = Integer.parseInt(need(v, args[i++]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (token == null) {
      throw new IllegalArgumentException("--token is required");
    }
    ApiLoad load = new ApiLoad(base, token, connections);
    List<String> hosts = load.knownHosts();
    if (hosts.isEmpty()) {
      throw new IllegalStateException("the node lists no hosts at " + base + "/api/v1/hosts: analyse a capture first");
    }
    System.err.println("ApiLoad: " + hosts.size() + " hosts known; endpoints " + endpoints + ", rates "
        + Arrays.toString(rates) + ", at most " + connections + " in flight, " + seconds + " s per step after " + warmup + " s warm-up");
    for (String endpoint : endpoints) {
      List<URI> targets = load.targets(endpoint, hosts);
      for (int rate : rates) {
        if (warmup > 0) {
          load.step(targets, rate, warmup);
        }
        Step s = load.step(targets, rate, seconds);
        System.out.println(s.line(endpoint, rate));
        System.out.flush();
      }
    }
  }

  private static String need(String value, String flag) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  private List<String> knownHosts() throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request(URI.create(base + "/api/v1/hosts?limit=1000")),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v1/hosts answered " + r.statusCode() + ": " + r.body());
    }
    List<String> out = new ArrayList<>();
    JsonNode root = JSON.readTree(r.body());
    for (JsonNode h : root.path("hosts")) {
      String ip = h.path("host").asText(h.path("ip").asText(""));
      String site = h.path("site").asText("");
      if (!ip.isEmpty()) {
        out.add(site.isEmpty() ? ip : ip + "?site=" + site);
      }
    }
    return out;
  }

  private List<URI> targets(String endpoint, List<String> hosts) {
    return switch (endpoint) {
      case "host" -> hosts.stream().map(h -> URI.create(base + "/api/v1/hosts/" + h)).toList();
      case "list" -> List.of(URI.create(base + "/api/v1/hosts?limit=100"));
      // For comparison: the HTTP stack alone (the dashboard page, static) and a Cassandra round trip.
      case "static" -> List.of(URI.create(base + "/"));
      case "health" -> List.of(URI.create(base + "/api/v1/health"));
      default -> throw new IllegalArgumentException("endpoint is host, list, static or health, was " + endpoint);
    };
  }

  private HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  /** Offers {@code rate} requests/s for {@code seconds}, round-robin over the targets. */
  private Step step(List<URI> targets, int rate, int seconds) throws InterruptedException {
    Semaphore inFlight = new Semaphore(connections);
    int n = rate * seconds;
    long[] latencyNanos = new long[n];
    AtomicInteger errors = new AtomicInteger();
    Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
    CompletableFuture<?>[] all = new CompletableFuture<?>[n];
    double periodNanos = 1e9 / rate;
    long start = System.nanoTime() + 10_000_000;
    for (int i = 0; i < n; i++) {
      long due = start + (long) (i * periodNanos);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      int k = i;
      all[i] = client.sendAsync(request(targets.get(i % targets.size())), HttpResponse.BodyHandlers.discarding())
          .handle((r, e) -> {
            latencyNanos[k] = System.nanoTime() - due;
            inFlight.release();
            if (e != null || r.statusCode() != 200) {
              errors.incrementAndGet();
              String kind = e != null ? rootCause(e).getClass().getSimpleName() : "http_" + r.statusCode();
              errorKinds.computeIfAbsent(kind, x -> new AtomicInteger()).incrementAndGet();
            }
            return null;
          });
    }
    CompletableFuture.allOf(all).join();
    long elapsed = System.nanoTime() - start;
    Arrays.sort(latencyNanos);
    Map<String, Integer> kinds = new TreeMap<>();
    errorKinds.forEach((k, v) -> kinds.put(k, v.get()));
    return new Step(latencyNanos, errors.get(), kinds, elapsed);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private record Step(long[] sortedNanos, int errors, Map<String, Integer> errorKinds, long elapsedNanos) {
    String line(String endpoint, int rate) {
      int n = sortedNanos.length;
      String kinds = errorKinds.isEmpty() ? "-" : errorKinds.entrySet().stream()
          .map(e -> e.getKey() + ":" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("-");
      return String.format(Locale.ROOT,
          "endpoint=%s rate=%d sent=%d ok=%d errors=%d error_kinds=%s achieved_rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f",
          endpoint, rate, n, n - errors, errors, kinds, n / (elapsedNanos / 1e9),
          ms(0.50), ms(0.90), ms(0.99), ms(0.999), sortedNanos[n - 1] / 1e6);
    }

    private double ms(double q) {
      int i = (int) Math.ceil(q * sortedNanos.length) - 1;
      return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }
  }
}

package io.watchfloor.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Packet → alert latency on a live capture ({@code ops/bench-alert}).
 *
 * <p>For each attack a fresh attacker (10.1xx.x.y, a new random range every run) sends one TCP SYN to each of
 * {@value #PORTS} ports of a victim that never answers: a vertical port scan, which the node's
 * {@code port_scan} detector flags in the window the packets land in. The driver writes the attack
 * as a small pcap, notes the wall clock, runs the sender command on it (tcpreplay into the far end
 * of the veth pair the node captures on), and waits for the alert on the node's server-sent-event
 * stream {@code /api/v1/anomalies/stream?detector=port_scan}. Between attacks it sleeps a random
 * fraction of a window, so attacks land at uniformly spread phases of the capture window.
 *
 * <p>Per attack it prints {@code attack=k total_ms=… after_window_ms=… detect_ms=… deliver_ms=…}:
 * total = alert received − wall clock just before the sender started (an upper bound: it includes
 * starting tcpreplay); after_window = alert received − the window's end ({@code event.end},
 * capture clock = kernel timestamps = this machine's clock); detect = {@code event.created} −
 * {@code event.end}; deliver = received − {@code event.created}. Then one summary line.
 *
 * <p>usage: {@code AlertLatency --base URL --token T --attacks N --window-ms W --dir DIR -- SENDER…}
 * (the pcap path is appended to the sender command); {@code AlertLatency --write-background FILE}
 * writes the benign background traffic that keeps the link busy (see {@link #writeBackground}).
 */
public final class AlertLatency {
  static final int PORTS = 40;
  private static final String VICTIM = "10.0.0.10";
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Alert(long receivedMillis, long windowEndMillis, long createdMillis) {}

  public static void main(String[] args) throws Exception {
    String base = "http://127.0.0.1:8080";
    String token = null;
    int attacks = 20;
    long windowMillis = 1000;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    List<String> sender = new ArrayList<>();
    if (args.length == 2 && args[0].equals("--write-background")) {
      writeBackground(Path.of(args[1]));
      return;
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--base" -> base = args[++i];
        case "--token" -> token = args[++i];
        case "--attacks" -> attacks = Integer.parseInt(args[++i]);
        case "--window-ms" -> windowMillis = Long.parseLong(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--" -> {
          sender.addAll(Arrays.asList(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (token == null || sender.isEmpty()) {
      throw new IllegalArgumentException("usage: AlertLatency --base URL --token T [--attacks N] [--window-ms W] [--dir DIR] -- SENDER...");
    }

    Map<String, Alert> alerts = new ConcurrentHashMap<>();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest sse = HttpRequest.newBuilder(URI.create(base + "/api/v1/anomalies/stream?detector=port_scan"))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "text/event-stream")
        .GET().build();
    HttpResponse<Stream<String>> stream = client.send(sse, HttpResponse.BodyHandlers.ofLines());
    if (stream.statusCode() != 200) {
      throw new IllegalStateException("the anomaly stream answered " + stream.statusCode());
    }
    java.util.concurrent.atomic.AtomicBoolean streamOpen = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread reader = new Thread(() -> {
      try {
        readEvents(stream, alerts);
      } catch (RuntimeException e) {
        System.err.println("AlertLatency: the anomaly stream failed: " + e);
      } finally {
        streamOpen.set(false);
        synchronized (alerts) {
          alerts.notifyAll();
        }
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();

    Random phase = new Random(8);
    // A new address range every run, so that no attacker has state left from an earlier run.
    int firstAttacker = new java.security.SecureRandom().nextInt(1 << 22);
    long[] total = new long[attacks];
    long[] afterWindow = new long[attacks];
    long[] detect = new long[attacks];
    long[] deliver = new long[attacks];
    int got = 0;
    for (int k = 0; k < attacks; k++) {
      String attacker = attacker(firstAttacker + k);
      Path pcap = dir.resolve("attack-" + k + ".pcap");
      writeScan(pcap, Ipv4.parse(attacker), Ipv4.parse(VICTIM));
      Thread.sleep((long) (phase.nextDouble() * windowMillis));
      List<String> cmd = new ArrayList<>(sender);
      cmd.add(pcap.toString());
      long sent = System.currentTimeMillis();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("sender.log").toFile()).start();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("sender failed: " + cmd + " (see " + dir.resolve("sender.log") + ")");
      }
      long deadline = System.currentTimeMillis() + windowMillis + 15_000;
      Alert a;
      synchronized (alerts) {
        while ((a = alerts.get(attacker)) == null && System.currentTimeMillis() < deadline && streamOpen.get()) {
          alerts.wait(50);
        }
      }
      if (a == null && !streamOpen.get()) {
        System.out.println("stream_closed attack=" + k + " (the node closed the anomaly stream: see its log)");
        System.exit(2);
      }
      if (a == null) {
        System.out.println("attack=" + k + " attacker=" + attacker + " no_alert_within_ms=" + (windowMillis + 15_000));
        continue;
      }
      total[got] = a.receivedMillis - sent;
      afterWindow[got] = a.receivedMillis - a.windowEndMillis;
      detect[got] = a.createdMillis - a.windowEndMillis;
      deliver[got] = a.receivedMillis - a.createdMillis;
      System.out.printf(Locale.ROOT, "attack=%d attacker=%s total_ms=%d after_window_ms=%d detect_ms=%d deliver_ms=%d%n",
          k, attacker, total[got], afterWindow[got], detect[got], deliver[got]);
      System.out.flush();
      got++;
      Files.deleteIfExists(pcap);
    }
    System.out.println(String.format(Locale.ROOT, "summary attacks=%d alerts=%d window_ms=%d", attacks, got, windowMillis)
        + stats("total", total, got) + stats("after_window", afterWindow, got)
        + stats("detect", detect, got) + stats("deliver", deliver, got));
    CompletableFuture.runAsync(() -> stream.body().close());
    System.exit(got == attacks ? 0 : 1);
  }

  /** 10.100.0.1 to 10.199.255.254, never .0 or .255: distinct for distinct indices below 100 × 2^16. */
  static String attacker(int index) {
    int a = index % (100 * 65_024);
    int host = a % 65_024;
    return "10." + (100 + a / 65_024) + "." + (host / 254) + "." + (host % 254 + 1);
  }

  private static void readEvents(HttpResponse<Stream<String>> stream, Map<String, Alert> alerts) {
    stream.body().forEach(line -> {
      if (line.startsWith("data:")) {
        long now = System.currentTimeMillis();
        try {
          JsonNode a = JSON.readTree(line.substring(5).strip());
          alerts.putIfAbsent(a.path("source.ip").asText(), new Alert(now,
              Instant.parse(a.path("event.end").asText()).toEpochMilli(),
              Instant.parse(a.path("event.created").asText()).toEpochMilli()));
          synchronized (alerts) {
            alerts.notifyAll();
          }
        } catch (IOException | RuntimeException e) {
          System.err.println("AlertLatency: unreadable event " + line + ": " + e);
        }
      }
    });
  }

  private static String stats(String name, long[] values, int n) {
    if (n == 0) {
      return "";
    }
    long[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    return String.format(Locale.ROOT, " %s_p50_ms=%d %s_p99_ms=%d %s_max_ms=%d",
        name, v[(int) Math.ceil(0.50 * n) - 1], name, v[(int) Math.ceil(0.99 * n) - 1], name, v[n - 1]);
  }

  /** One SYN per port, 1 ms apart in the file (tcpreplay sends them at top speed anyway). */
  private static void writeScan(Path pcap, int attacker, int victim) throws IOException {
    FrameBuilder frames = new FrameBuilder();
    long t = System.currentTimeMillis() * 1000;
    try (PcapWriter out = PcapWriter.create(pcap)) {
      for (int i = 0; i < PORTS; i++) {
        int len = frames.tcp(attacker, victim, 40000 + i, 1000 + i * 7, 1000L * i, 0, 0x02, new byte[0], 0, 0);
        out.writePacket(t + i * 1000L, frames.frame(), len);
      }
    }
  }

  /**
   * 200 clients (10.0.1.1–200) each exchanging a 64-byte UDP request and answer with one server
   * (10.0.0.20, port 5001), round-robin: 10,000 packets of plain, answered, unremarkable traffic.
   * Looped by tcpreplay under the attacks, it keeps the capture from going idle, as a real link
   * does, so windows close on the next packet past their end rather than after the idle grace.
   */
  private static void writeBackground(Path pcap) throws IOException {
    FrameBuilder frames = new FrameBuilder();
    byte[] payload = new byte[64];
    int server = Ipv4.parse("10.0.0.20");
    long t = 1_700_000_000_000_000L;
    try (PcapWriter out = PcapWriter.create(pcap)) {
      for (int i = 0; i < 5_000; i++) {
        int client = Ipv4.parse("10.0.1." + (i % 200 + 1));
        int len = frames.udp(client, server, 40000 + i % 200, 5001, payload, 0, payload.length);
        out.writePacket(t, frames.frame(), len);
        len = frames.udp(server, client, 5001, 40000 + i % 200, payload, 0, payload.length);
        out.writePacket(t + 100, frames.frame(), len);
        t += 1_000;
      }
    }
  }
}

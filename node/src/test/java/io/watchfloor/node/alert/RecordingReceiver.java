package io.watchfloor.node.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A real HTTP server on loopback standing in for PagerDuty, Opsgenie, Slack or a webhook: it records
 * every request it accepts and answers with the status a test chooses per request.
 */
public final class RecordingReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One accepted request. */
  public record Request(String method, String path, String query, Map<String, List<String>> headers, JsonNode body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Request> accepted = new CopyOnWriteArrayList<>();
  private final List<Long> attemptsAtMillis = new CopyOnWriteArrayList<>();
  private volatile IntSupplier status = () -> 202;
  private volatile String retryAfter;
  private volatile CountDownLatch stall;

  public RecordingReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      attemptsAtMillis.add(System.currentTimeMillis());
      String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      CountDownLatch s = stall;
      if (s != null) {
        try {
          s.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int code = status.getAsInt();
      if (code >= 200 && code < 300) {
        accepted.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), JSON.readTree(raw)));
      }
      if (retryAfter != null && code == 429) {
        exchange.getResponseHeaders().add("Retry-After", retryAfter);
      }
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    });
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answer every request with whatever {@code status} says at that moment. */
  public void answer(IntSupplier status) {
    this.status = status;
  }

  public void retryAfter(String value) {
    this.retryAfter = value;
  }

  /** Hold every request until {@code latch} opens (null: answer at once). */
  public void stall(CountDownLatch latch) {
    this.stall = latch;
  }

  public List<Request> accepted() {
    return List.copyOf(accepted);
  }

  /** When each request (accepted or not) arrived. */
  public List<Long> attempts() {
    return List.copyOf(attemptsAtMillis);
  }

  @Override
  public void close() {
    CountDownLatch s = stall;
    if (s != null) {
      s.countDown();
    }
    server.stop(0);
  }
}

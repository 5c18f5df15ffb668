package io.watchfloor.node.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on loopback that records what is POSTed to it. */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if ("POST".equals(exchange.getRequestMethod())
          && exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
        bodies.add(body);
        exchange.sendResponseHeaders(202, -1);
      } else {
        exchange.sendResponseHeaders(400, -1);
      }
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<String> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

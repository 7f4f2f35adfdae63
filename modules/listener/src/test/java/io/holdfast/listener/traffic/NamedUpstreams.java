package io.holdfast.listener.traffic;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstream servers on port 0 that answer with their name ({@code s0}, {@code s1}, ... or another prefix), counting the
 * connections they accept; a server can be made slow or stopped.
 */
final class NamedUpstreams {

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<AtomicInteger> connections = new ArrayList<>();
  private final List<AtomicInteger> requests = new ArrayList<>();
  private final long[] delays;

  NamedUpstreams(Vertx vertx, int count) {
    this(vertx, "s", count);
  }

  NamedUpstreams(Vertx vertx, String prefix, int count) {
    delays = new long[count];
    for (int i = 0; i < count; i++) {
      String name = prefix + i;
      int index = i;
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger received = new AtomicInteger();
      connections.add(accepted);
      requests.add(received);
      servers.add(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .connectionHandler(connection -> accepted.incrementAndGet())
          .requestHandler(request -> {
            received.incrementAndGet();
            if (delays[index] > 0) {
              vertx.setTimer(delays[index], id -> request.response().end(name));
            } else {
              request.response().end(name);
            }
          })
          .listen(0, "127.0.0.1").await());
    }
  }

  int[] ports() {
    return servers.stream().mapToInt(HttpServer::actualPort).toArray();
  }

  /** Answers of server {@code index} take this long from now on. */
  void slow(int index, long millis) {
    delays[index] = millis;
  }

  void stop(int index) {
    servers.get(index).close().await();
  }

  /** Requests server {@code index} has received (answered or not). */
  int requests(int index) {
    return requests.get(index).get();
  }

  int connectionsAccepted() {
    return connections.stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The index in a name {@code s<index>}. */
  static int index(String name) {
    return Integer.parseInt(name.substring(1));
  }
}

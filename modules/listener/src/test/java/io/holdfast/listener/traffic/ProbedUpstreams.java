package io.holdfast.listener.traffic;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstream servers on port 0 answering {@code /health} with a status a test switches, and anything else with
 * their name ({@code s0}, {@code s1}, ...); probes and traffic are counted apart.
 */
final class ProbedUpstreams {

  static final String PROBE_PATH = "/health";

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<AtomicInteger> health = new ArrayList<>();
  private final List<AtomicInteger> probes = new ArrayList<>();
  private final List<AtomicInteger> traffic = new ArrayList<>();

  ProbedUpstreams(Vertx vertx, int count) {
    for (int i = 0; i < count; i++) {
      String name = "s" + i;
      AtomicInteger status = new AtomicInteger(200);
      AtomicInteger probed = new AtomicInteger();
      AtomicInteger served = new AtomicInteger();
      health.add(status);
      probes.add(probed);
      traffic.add(served);
      servers.add(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(request -> {
            if (request.path().equals(PROBE_PATH)) {
              probed.incrementAndGet();
              request.response().setStatusCode(status.get()).end();
            } else {
              served.incrementAndGet();
              request.response().end(name);
            }
          })
          .listen(0, "127.0.0.1").await());
    }
  }

  int[] ports() {
    return servers.stream().mapToInt(HttpServer::actualPort).toArray();
  }

  String address(int index) {
    return "127.0.0.1:" + servers.get(index).actualPort();
  }

  /** What server {@code index} answers to probes from now on. */
  void health(int index, int status) {
    health.get(index).set(status);
  }

  int probes(int index) {
    return probes.get(index).get();
  }

  /** Requests other than probes that server {@code index} received. */
  int traffic(int index) {
    return traffic.get(index).get();
  }
}

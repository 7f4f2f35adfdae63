package io.holdfast.upstream.health;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An upstream whose answer to probes can be switched, counting connections and requests, keeping the last headers. */
final class ProbedServer {

  final AtomicInteger status = new AtomicInteger(200);
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicReference<String> host = new AtomicReference<>();
  final AtomicReference<String> connection = new AtomicReference<>();
  final AtomicReference<String> path = new AtomicReference<>();
  private final HttpServer server;

  ProbedServer(Vertx vertx) {
    server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(request -> {
          requests.incrementAndGet();
          host.set(request.getHeader("Host"));
          connection.set(request.getHeader("Connection"));
          path.set(request.uri());
          request.response().setStatusCode(status.get()).end("probe answer");
        })
        .listen(0, "127.0.0.1").await();
  }

  int port() {
    return server.actualPort();
  }
}

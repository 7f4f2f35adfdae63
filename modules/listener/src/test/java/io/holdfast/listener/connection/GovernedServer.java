package io.holdfast.listener.connection;

import io.holdfast.bus.ListenerStats;
import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.binding.ListenerServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A real HttpServer on port 0 governed by {@link ClientConnections}, with a small app: {@code /slow/<ms>}
 * answers after a delay, {@code /stream} writes its body in two parts without a Content-Length, anything
 * else answers its own path. Every handled path is recorded, in order.
 */
final class GovernedServer extends VerticleBase {

  private final ListenerConfig config;
  final List<String> handled = new CopyOnWriteArrayList<>();
  private ClientConnections connections;
  private HttpServer server;

  private GovernedServer(ListenerConfig config) {
    this.config = config;
  }

  static GovernedServer start(Vertx vertx, ListenerConfig config) {
    GovernedServer governed = new GovernedServer(config);
    vertx.deployVerticle(governed).await();
    return governed;
  }

  @Override
  public Future<?> start() {
    connections = ClientConnections.create(vertx, config);
    var options = ListenerServer.options(config);
    server = connections.install(vertx.createHttpServer(options), options, this::serve);
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    connections.close();
    return server.shutdown();
  }

  int port() {
    return server.actualPort();
  }

  ListenerStats stats() {
    return onContext(() -> connections.stats());
  }

  void update(ListenerConfig next) {
    onContext(() -> {
      connections.update(next);
      return null;
    });
  }

  private <T> T onContext(Supplier<T> action) {
    Context ctx = context;
    Promise<T> promise = Promise.promise();
    ctx.runOnContext(v -> promise.complete(action.get()));
    return promise.future().await();
  }

  private void serve(HttpServerRequest request) {
    String path = request.path();
    handled.add(path);
    if (path.startsWith("/slow/")) {
      long delay = Long.parseLong(path.substring("/slow/".length()));
      vertx.setTimer(delay, id -> request.response().end(path));
    } else if (path.equals("/stream")) {
      if (request.version() != HttpVersion.HTTP_1_0) {
        request.response().setChunked(true);
      }
      request.response().write("part1-");
      vertx.setTimer(20, id -> request.response().end("part2"));
    } else {
      request.response().end(path);
    }
  }
}

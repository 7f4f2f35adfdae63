package io.holdfast.listener.hostile;

import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.binding.ListenerServer;
import io.holdfast.listener.connection.ClientConnections;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** A listener's HTTP server on port 0, governed by {@link ClientConnections}, that answers every request "ok". */
final class GovernedOkServer {

  private GovernedOkServer() {
  }

  /** Deploys the server on {@code vertx} and returns its port. */
  static int start(Vertx vertx, ListenerConfig config) {
    HttpServerOptions options = ListenerServer.options(config);
    HttpServer[] server = new HttpServer[1];
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        // Governance lives on the event loop that owns the server, as in the listener.
        server[0] = ClientConnections.create(vertx, config)
            .install(vertx.createHttpServer(options), options, request -> request.response().end("ok"));
        return server[0].listen();
      }
    }).await();
    return server[0].actualPort();
  }
}

package io.holdfast.admin;

import io.holdfast.bus.PortInUseException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.BindException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The admin HTTP server on one host and port, and moving it when the config names another: the new
 * address is bound first, and only then is the old one shut down, so a failed move leaves the admin
 * port where it was.
 */
final class AdminServer {

  /** How long requests in flight on a replaced server (such as the PATCH that moved it) may finish. */
  static final long SHUTDOWN_GRACE_SECONDS = 5;

  private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());

  private final Vertx vertx;
  private final Handler<HttpServerRequest> handler;
  private HttpServer server;
  private String host;
  private int port;

  AdminServer(Vertx vertx, Handler<HttpServerRequest> handler) {
    this.vertx = vertx;
    this.handler = handler;
  }

  Future<Void> bind(String host, int port) {
    return listen(host, port).map(bound -> {
      this.server = bound;
      this.host = host;
      this.port = port;
      LOG.info("admin API listening on " + host + ":" + bound.actualPort());
      return null;
    });
  }

  /** Moves to {@code host:port} when it differs from the configured address; best effort. */
  Future<Void> rebind(String newHost, int newPort) {
    if (server == null || (newHost.equals(host) && newPort == port)) {
      return Future.succeededFuture();
    }
    HttpServer old = server;
    return bind(newHost, newPort)
        .compose(v -> old.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS))
        .onFailure(e -> LOG.warning("admin API stays on " + host + ":" + port + ": " + e.getMessage()));
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private Future<HttpServer> listen(String host, int port) {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port);
    return vertx.createHttpServer(options).requestHandler(handler).listen()
        .recover(e -> Future.failedFuture(inUse(e) ? new PortInUseException("admin", host, port, e) : e));
  }

  private static boolean inUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }
}

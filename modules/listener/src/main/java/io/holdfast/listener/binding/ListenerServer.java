package io.holdfast.listener.binding;

import io.holdfast.bus.PortInUseException;
import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.connection.ClientConnections;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.net.BindException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** One listener's bound {@link HttpServer} on one instance. */
public final class ListenerServer {

  private final ListenerConfig config;
  private final HttpServer server;

  private ListenerServer(ListenerConfig config, HttpServer server) {
    this.config = config;
    this.server = server;
  }

  /**
   * Binds {@code config}'s address with {@code connections} governing it and {@code app} serving it. Fails
   * with a {@link PortInUseException} when the port is taken.
   */
  public static Future<ListenerServer> bind(Vertx vertx, ListenerConfig config, ClientConnections connections,
                                            Handler<HttpServerRequest> app) {
    HttpServerOptions options = options(config);
    HttpServer server = connections.install(vertx.createHttpServer(options), options, app);
    return server.listen()
        .recover(failure -> Future.failedFuture(portInUse(failure)
            ? new PortInUseException("listener " + config.name(), config.host(), config.port(), failure)
            : failure))
        .map(bound -> new ListenerServer(config, bound));
  }

  /**
   * HTTP/1.1 only: h2c is off because keepalive limits, pipelining and stub_status counts are HTTP/1
   * notions and a client-facing proxy sees h2 only over TLS, which Holdfast does not terminate. The
   * idle timeout is Holdfast's own sweep, not Vert.x's fixed option, so it can change at runtime.
   */
  public static HttpServerOptions options(ListenerConfig config) {
    return new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxHeaderSize(config.maxHeaderSize())
        .setMaxInitialLineLength(config.maxUriLength())
        .setHttp2ClearTextEnabled(false)
        // Every write to a client response happens on its connection's event loop (the upstream
        // connection lives there too), so Vert.x may write straight to the channel: no per-connection
        // outbound queue (4.8 KiB of heap per idle connection, measured) and one hop less per write.
        .setStrictThreadMode(true)
        // WebSocket passes through as a byte tunnel (io.holdfast.proxy.Tunnel), never as Vert.x WebSocket
        // frames, so no compression handler in every pipeline.
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        // Response compression (listeners.<name>.compression) runs in the relay, per response: Vert.x's
        // would need a rebind to change, cannot order codings or honour q=0, and mislabels bodies on
        // HTTP/2 in 5.0.10 (vert.x #5896). See docs/traffic.md.
        .setCompressionSupported(false)
        .setIdleTimeout(0);
  }

  /** Whether going from this server's config to {@code next} needs a new server (socket options differ). */
  public boolean needsRebind(ListenerConfig next) {
    return !Objects.equals(config.host(), next.host()) || config.port() != next.port()
        || config.maxHeaderSize() != next.maxHeaderSize() || config.maxUriLength() != next.maxUriLength();
  }

  public ListenerConfig config() {
    return config;
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting; in-flight requests finish within {@code timeout}, idle connections close now. */
  public Future<Void> shutdown(Duration timeout) {
    return server.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean portInUse(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // NIO throws BindException; the native transports throw their own IOException with this text.
      if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}

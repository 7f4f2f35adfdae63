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
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.net.KeyCertOptions;

import java.net.BindException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** One listener's bound {@link HttpServer} on one instance. */
public final class ListenerServer {

  /** nginx's {@code http2_max_concurrent_streams} default. */
  public static final int MAX_CONCURRENT_STREAMS = 128;

  private final Vertx vertx;
  private final HttpServer server;
  private ListenerConfig config;

  private ListenerServer(Vertx vertx, ListenerConfig config, HttpServer server) {
    this.vertx = vertx;
    this.config = config;
    this.server = server;
  }

  /**
   * Binds {@code config}'s address with {@code connections} governing it and {@code app} serving it. Fails
   * with a {@link PortInUseException} when the port is taken.
   */
  public static Future<ListenerServer> bind(Vertx vertx, ListenerConfig config, ClientConnections connections,
                                            Handler<HttpServerRequest> app) {
    HttpServerOptions options = options(config,
        config.tls() == null ? null : ListenerTlsOptions.keyCert(vertx, config));
    HttpServer server = connections.install(vertx.createHttpServer(options), options, app);
    return server.listen()
        .recover(failure -> Future.failedFuture(portInUse(failure)
            ? new PortInUseException("listener " + config.name(), config.host(), config.port(), failure)
            : failure))
        .map(bound -> new ListenerServer(vertx, config, bound));
  }

  /** As {@link #options(ListenerConfig, KeyCertOptions)} with key options of its own (tests). */
  public static HttpServerOptions options(ListenerConfig config) {
    return options(config, config.tls() == null ? null : ListenerTlsOptions.keyCert(config));
  }

  /**
   * The server options of {@code config}. Vert.x's h2c stays off even with {@code http2: true}: Holdfast's own
   * decoder spots the HTTP/2 preface (h2c with prior knowledge, {@code PriorKnowledge}) so every HTTP/1.x
   * request keeps its strict checks. A TLS listener speaks TLS 1.2/1.3 with its engine ({@link TlsEngine}), offers
   * {@code h2} and {@code http/1.1} by ALPN ({@code http/1.1} alone with {@code http2: false}), and bounds the
   * handshake and the wait for an HTTP/2 client's SETTINGS by {@code headerTimeout} ({@code HandshakeGuard}).
   * The idle timeout is otherwise Holdfast's own sweep, not Vert.x's fixed option, so it can change at runtime.
   */
  public static HttpServerOptions options(ListenerConfig config, KeyCertOptions keyCert) {
    HttpServerOptions options = new HttpServerOptions()
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
        .setInitialSettings(new Http2Settings()
            .setMaxHeaderListSize(config.maxHeaderSize())
            .setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS))
        .setIdleTimeout(0);
    if (config.tls() != null) {
      long headerMillis = config.headerTimeout().toMillis();
      options.setSsl(true)
          .setSslEngineOptions(TlsEngine.options(config.tls().engine()))
          .setKeyCertOptions(keyCert)
          .setEnabledSecureTransportProtocols(new LinkedHashSet<>(config.tls().protocols()))
          .setSni(false)
          .setUseAlpn(true)
          .setAlpnVersions(config.http2() ? List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1) : List.of(HttpVersion.HTTP_1_1))
          .setSslHandshakeTimeout(headerMillis)
          .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
          .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, headerMillis))
          .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    return options;
  }

  /**
   * Certificates and protocols of a TLS listener changed (a renewed file, a reload): new handshakes use them at
   * once, open connections keep the session they have. The update reaches the socket's shared SSL context,
   * so one call serves every instance; equal options from the others change nothing.
   */
  public Future<Boolean> update(ListenerConfig next) {
    ListenerConfig previous = config;
    config = next;
    if (next.tls() == null || next.tls().equals(previous.tls())) {
      return Future.succeededFuture(false);
    }
    return takeOver(previous);
  }

  /**
   * After a rebind: this server joined the socket its predecessor {@code previous} (on this or another
   * instance) bound, and with it that one's SSL context, made for the old config. Brings it to this one's
   * certificates, protocols and ALPN. Vert.x keys SSL contexts by the key options alone, so a change of
   * protocols or ALPN with the same certificates has to force the rebuild.
   */
  public Future<Boolean> takeOver(ListenerConfig previous) {
    if (config.tls() == null) {
      return Future.succeededFuture(false);
    }
    boolean force = previous.tls() == null || previous.http2() != config.http2()
        || !previous.tls().protocols().equals(config.tls().protocols())
        || !previous.headerTimeout().equals(config.headerTimeout());
    try {
      return server.updateSSLOptions(ListenerTlsOptions.sslOptions(config, ListenerTlsOptions.keyCert(vertx, config)), force);
    } catch (RuntimeException e) {
      // Vert.x 5.0.10 throws (a NullPointerException) when the socket's first server has no SSL context: it is plain.
      return Future.failedFuture(e);
    }
  }

  /**
   * Whether going from this server's config to {@code next} needs a new server (socket options differ): the
   * address, the header limits, TLS on or off, ALPN ({@code http2} on a TLS listener), the handshake bound.
   * Certificates and protocols do not: {@link #update} swaps them in place.
   */
  public boolean needsRebind(ListenerConfig next) {
    return !Objects.equals(config.host(), next.host()) || config.port() != next.port()
        || config.maxHeaderSize() != next.maxHeaderSize() || config.maxUriLength() != next.maxUriLength()
        || config.tlsEnabled() != next.tlsEnabled()
        || next.tlsEnabled() && (config.http2() != next.http2() || !config.headerTimeout().equals(next.headerTimeout())
            || !config.tls().engine().equals(next.tls().engine()));
  }

  /** Whether {@code next} turns TLS on for the fixed port this server serves plain (see {@code ListenerSet}). */
  public boolean turnsTlsOn(ListenerConfig next) {
    return !config.tlsEnabled() && next.tlsEnabled() && next.port() != 0 && config.port() == next.port()
        && Objects.equals(config.host(), next.host());
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

package io.holdfast.upstream.pool;

import io.holdfast.config.ServerConfig;
import io.holdfast.config.UpstreamTls;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.tls.Handshake;
import io.holdfast.upstream.tls.TlsEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;

import javax.net.ssl.SSLException;

/**
 * Opens raw HTTP/1.1 connections outside Vert.x's pool, plain or TLS. {@code agent.connect} binds the
 * connection to the caller's context ({@code vertx.getOrCreateContext()} in {@code HttpClientImpl.connect}),
 * so a connection opened on a listener's event loop is served by that same loop. One plain connector serves
 * every plain server of an instance; a TLS server has a connector of its own ({@link TlsEndpoint}), whose
 * client keeps the TLS sessions to resume.
 */
final class Connector {

  private final Vertx vertx;
  private final HttpClientAgent agent;
  /** Null for plain connections. */
  private final TlsEndpoint tls;

  private Connector(Vertx vertx, HttpClientOptions options, TlsEndpoint tls) {
    this.vertx = vertx;
    this.tls = tls;
    // The agent's own pool is never used (only connect()); keep it minimal.
    this.agent = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(1));
  }

  static Connector plain(Vertx vertx) {
    return new Connector(vertx, httpOptions(), null);
  }

  static Connector tls(Vertx vertx, UpstreamTls tls, ServerConfig server) {
    TlsEndpoint endpoint = TlsEndpoint.of(tls, server, httpOptions());
    return new Connector(vertx, endpoint.clientOptions(), endpoint);
  }

  private static HttpClientOptions httpOptions() {
    return new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setPipelining(false)
        .setDecompressionSupported(false)
        .setIdleTimeout(0);
  }

  /**
   * A new connection to {@code server}, TLS handshake included. {@code HttpConnectOptions.setConnectTimeout}
   * is a pool-wait timeout, not a TCP one, so the connect timeout is a timer here covering TCP and TLS (as
   * nginx's {@code proxy_connect_timeout} does); a connection that arrives after it fired is closed.
   */
  Future<HttpClientConnection> connect(ServerConfig server, long timeoutMillis) {
    Promise<HttpClientConnection> promise = Promise.promise();
    long timer = timeoutMillis > 0 ? vertx.setTimer(timeoutMillis, id -> promise.tryFail(new UpstreamFailure(
        server.address(), 502, "connect to " + server.address() + " timed out after " + timeoutMillis + " ms", null)))
        : -1;
    HttpConnectOptions options = tls != null ? tls.connectOptions()
        : new HttpConnectOptions().setHost(server.host()).setPort(server.port());
    agent.connect(options).onComplete(ar -> {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      if (ar.succeeded()) {
        if (!promise.tryComplete(ar.result())) {
          ar.result().close();
        }
      } else {
        promise.tryFail(new UpstreamFailure(server.address(), 502, failure(server, ar.cause()), ar.cause()));
      }
    });
    return promise.future();
  }

  /** Full or resumed for a TLS connection, {@link Handshake#NONE} for a plain one. */
  Handshake handshakeOf(HttpClientConnection connection) {
    return tls == null ? Handshake.NONE : tls.handshakeOf(connection);
  }

  Future<Void> close() {
    return agent.close();
  }

  /**
   * The reason a connect failed. A TLS failure names the verified name and the innermost JSSE reason
   * (Vert.x wraps it in a generic "Failed to create SSL connection"; the OpenSSL engine wraps the trust
   * manager's verdict in a generic "General OpenSslEngine problem", so the reason is that one's cause).
   */
  private String failure(ServerConfig server, Throwable cause) {
    SSLException innermost = null;
    for (Throwable t = cause; t != null && tls != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        innermost = ssl;
      }
    }
    if (innermost == null) {
      return "connect to " + server.address() + " failed: " + cause.getMessage();
    }
    String name = tls.serverName() != null ? " (name " + tls.serverName() + ")" : " (no SNI: IP address)";
    Throwable reason = innermost.getCause() instanceof java.security.cert.CertificateException verdict ? verdict : innermost;
    return "TLS handshake with " + server.address() + name + " failed: " + reason.getMessage();
  }
}

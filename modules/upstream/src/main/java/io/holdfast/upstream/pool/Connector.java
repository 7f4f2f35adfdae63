package io.holdfast.upstream.pool;

import io.holdfast.config.ServerConfig;
import io.holdfast.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;

/**
 * Opens raw HTTP/1.1 connections outside Vert.x's pool. {@code agent.connect} binds the connection to
 * the caller's context ({@code vertx.getOrCreateContext()} in {@code HttpClientImpl.connect}), so a
 * connection opened on a listener's event loop is served by that same loop.
 */
final class Connector {

  private final Vertx vertx;
  private final HttpClientAgent agent;

  Connector(Vertx vertx) {
    this.vertx = vertx;
    HttpClientOptions options = new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setPipelining(false)
        .setDecompressionSupported(false)
        .setIdleTimeout(0);
    // The agent's own pool is never used (only connect()); keep it minimal.
    this.agent = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(1));
  }

  /**
   * A new connection to {@code server}. {@code HttpConnectOptions.setConnectTimeout} is a pool-wait
   * timeout, not a TCP one, so the connect timeout is a timer here; a connection that arrives after it
   * fired is closed.
   */
  Future<HttpClientConnection> connect(ServerConfig server, long timeoutMillis) {
    Promise<HttpClientConnection> promise = Promise.promise();
    long timer = timeoutMillis > 0 ? vertx.setTimer(timeoutMillis, id -> promise.tryFail(
        new UpstreamFailure(502, "connect to " + server.address() + " timed out after " + timeoutMillis + " ms")))
        : -1;
    agent.connect(new HttpConnectOptions().setHost(server.host()).setPort(server.port()))
        .onComplete(ar -> {
          if (timer >= 0) {
            vertx.cancelTimer(timer);
          }
          if (ar.succeeded()) {
            if (!promise.tryComplete(ar.result())) {
              ar.result().close();
            }
          } else {
            promise.tryFail(new UpstreamFailure(502,
                "connect to " + server.address() + " failed: " + ar.cause().getMessage(), ar.cause()));
          }
        });
    return promise.future();
  }

  Future<Void> close() {
    return agent.close();
  }
}

package io.holdfast.proxy;

import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.Handler;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Vert.x instance with an upstream (a Vert.x HttpServer or a raw NetServer), a {@link FrontVerticle}
 * forwarding to it, and a keepalive client to the front. Everything on port 0.
 */
final class ProxyFixture implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final AtomicInteger upstreamConnections = new AtomicInteger();
  final AtomicInteger upstreamOpen = new AtomicInteger();
  int upstreamPort;
  FrontVerticle front;
  HttpClient client;

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  ProxyFixture httpUpstream(Handler<HttpServerRequest> handler) throws Exception {
    // Without h2c detection the server sees a connection at accept, not at its first request.
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .connectionHandler(conn -> {
      upstreamConnections.incrementAndGet();
      upstreamOpen.incrementAndGet();
      conn.closeHandler(v -> upstreamOpen.decrementAndGet());
    }).requestHandler(handler);
    upstreamPort = await(server.listen(0, "127.0.0.1")).actualPort();
    return this;
  }

  ProxyFixture rawUpstream(Handler<NetSocket> handler) throws Exception {
    NetServer server = vertx.createNetServer().connectHandler(socket -> {
      upstreamConnections.incrementAndGet();
      upstreamOpen.incrementAndGet();
      socket.closeHandler(v -> upstreamOpen.decrementAndGet());
      handler.handle(socket);
    });
    upstreamPort = await(server.listen(0, "127.0.0.1")).actualPort();
    return this;
  }

  ProxyFixture front(UpstreamPlan plan) throws Exception {
    return front(plan, null);
  }

  ProxyFixture front(UpstreamPlan plan, String hostOverride) throws Exception {
    front = new FrontVerticle(plan, hostOverride);
    await(vertx.deployVerticle(front));
    client = client(new PoolOptions());
    return this;
  }

  /** A keepalive client to the front, driven on its own context (see {@link Reply#send}). */
  HttpClient client(PoolOptions pool) {
    return Reply.bound(vertx, vertx.createHttpClient(new HttpClientOptions().setDefaultPort(front.port())
        .setDefaultHost("127.0.0.1").setKeepAlive(true), pool));
  }

  /** Runs {@code action} on {@link #client}'s context and waits for it. */
  <T> T onClient(java.util.function.Supplier<Future<T>> action) throws Exception {
    io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
    Reply.contextOf(client).runOnContext(v -> action.get().onComplete(promise));
    return await(promise.future());
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}

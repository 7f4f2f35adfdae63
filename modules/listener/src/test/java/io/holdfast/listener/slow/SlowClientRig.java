package io.holdfast.listener.slow;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A listener instance with its client timeouts set short, proxying to real Vert.x upstream servers in the
 * same process. Each upstream counts its connections and requests. Its paths: {@code /big/<bytes>} answers
 * that many bytes; {@code /stall/<ms>} takes none of the request body for that long, then reads it;
 * {@code /early} answers at once without reading the body; anything else reads the body and answers
 * {@code got <length>}.
 */
final class SlowClientRig implements AutoCloseable {

  /** One upstream server and what it saw. */
  static final class Upstream {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    int port;
  }

  final Vertx vertx = Vertx.vertx();
  final List<Upstream> upstreams = new ArrayList<>();
  ListenerVerticle verticle;
  int port;

  /**
   * {@code servers} upstream servers behind listener "main" with header, body and send timeouts of
   * {@code timeoutMillis}, then {@code tweak} applied to the config.
   */
  static SlowClientRig start(int servers, long timeoutMillis, UnaryOperator<TestConfig> tweak) {
    SlowClientRig rig = new SlowClientRig();
    LocalCodec.register(rig.vertx.eventBus(), ConfigSnapshot.class);
    int[] ports = new int[servers];
    for (int i = 0; i < servers; i++) {
      ports[i] = rig.upstream().port;
    }
    String ms = timeoutMillis + "ms";
    TestConfig config = TestConfig.proxying(ports)
        .set("listeners.main.headerTimeout", ms)
        .set("listeners.main.bodyTimeout", ms)
        .set("listeners.main.sendTimeout", ms)
        .set("listeners.main.keepalive.timeout", "10s")
        .set("upstreams.app.maxFails", 1)
        .set("upstreams.app.failTimeout", "30s");
    rig.verticle = new ListenerVerticle(tweak.apply(config).snapshot(1));
    rig.vertx.deployVerticle(rig.verticle).await();
    rig.port = rig.verticle.boundPort("main");
    return rig;
  }

  /** {@code config} with {@code servers[].maxConnections} set on every server of upstream "app". */
  static TestConfig maxConnectionsPerServer(TestConfig config, int max) {
    JsonArray servers = config.json().getJsonObject("upstreams").getJsonObject("app").getJsonArray("servers");
    servers.forEach(server -> ((JsonObject) server).put("maxConnections", max));
    return config.set("upstreams.app.servers", servers);
  }

  private Upstream upstream() {
    Upstream upstream = new Upstream();
    // Without h2c detection the server sees a connection at accept, not at its first request.
    upstream.port = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .connectionHandler(c -> {
          upstream.connections.incrementAndGet();
          upstream.open.incrementAndGet();
          c.closeHandler(v -> upstream.open.decrementAndGet());
        })
        .requestHandler(request -> serve(upstream, request))
        .listen(0, "127.0.0.1").await().actualPort();
    upstreams.add(upstream);
    return upstream;
  }

  private void serve(Upstream upstream, HttpServerRequest request) {
    upstream.requests.incrementAndGet();
    String path = request.path();
    if (path.startsWith("/big/")) {
      request.response().end(Buffer.buffer(new byte[Integer.parseInt(path.substring(5))]));
    } else if (path.equals("/early")) {
      request.response().end("early");
    } else if (path.startsWith("/stall/")) {
      request.pause();
      vertx.setTimer(Long.parseLong(path.substring(7)), id -> answerWithBodyLength(request));
    } else {
      answerWithBodyLength(request);
    }
  }

  private static void answerWithBodyLength(HttpServerRequest request) {
    request.body().onSuccess(body -> request.response().end("got " + body.length()));
    request.resume();
  }

  InstanceStats stats() {
    return vertx.eventBus().<InstanceStats>request(Addresses.instanceStats(verticle.instanceId()), null)
        .await().body();
  }

  ListenerStats listener() {
    return stats().listeners().get(0);
  }

  long closed(String reason) {
    return listener().closedByReason().getOrDefault(reason, 0L);
  }

  List<ServerStats> servers() {
    return stats().pools();
  }

  long failures() {
    return servers().stream().mapToLong(ServerStats::failures).sum();
  }

  boolean anyDown() {
    return servers().stream().anyMatch(ServerStats::down);
  }

  /** Upstream connections open, as the upstream servers see them. */
  int upstreamOpen() {
    return upstreams.stream().mapToInt(u -> u.open.get()).sum();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}

package io.holdfast.e2e;

import io.holdfast.e2e.StatusSupport.GatedUpstream;
import io.holdfast.e2e.StatusSupport.RawClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Upstream connection reuse for a known workload: 1,000 requests over 4 client keepalive connections,
 * sequential on each, the 4 in parallel, one instance.
 *
 * <p>Why exactly 4 upstream connections with a keepalive pool: each client connection's first request is
 * held at the upstream until all 4 are there, so 4 connections must be open at once. After that at most 4
 * requests are ever in flight (one per client connection), a connection returns to the pool when its
 * response ends, before the client can send its next request, and the pool keeps up to 32 idle. So no
 * fifth connection is ever needed: opened = 4, reused = 1000 - 4.
 */
class StatusReuseE2ETest {

  private static final int CLIENTS = 4;
  private static final int REQUESTS = 1000;

  @RegisterExtension
  final HoldfastJar holdfast = new HoldfastJar();
  private Vertx vertx;
  private GatedUpstream upstream;

  @BeforeEach
  void startUpstream() throws Exception {
    vertx = Vertx.vertx();
    upstream = new GatedUpstream(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    upstream.close();
    vertx.close().await();
  }

  @Test
  void thousandRequestsOverFourClientConnectionsOpenExactlyFourUpstreamConnections() throws Exception {
    TestConfig config = start(32);

    runWorkload(config, true);

    JsonObject pool = server(config);
    assertThat(pool.getLong("requests")).isEqualTo(REQUESTS);
    assertThat(pool.getLong("opened")).isEqualTo(CLIENTS);
    assertThat(pool.getLong("reused")).isEqualTo(REQUESTS - CLIENTS);
    assertThat(pool.getDouble("reuseRatio")).isEqualTo(0.996);
    assertThat(upstream.connections.get()).isEqualTo(CLIENTS);
    assertThat(upstream.requests.get()).isEqualTo(REQUESTS);
    String metrics = Http.get(config.adminPort, "/metrics").body();
    String server = "server=\"127.0.0.1:" + upstream.port() + "\"";
    String app = "upstream=\"app\"";
    assertThat(StatusSupport.metric(metrics, "holdfast_upstream_requests_total", server, app)).isEqualTo(1000);
    assertThat(StatusSupport.metric(metrics, "holdfast_upstream_requests_reused_total", server, app)).isEqualTo(996);
    assertThat(StatusSupport.metric(metrics, "holdfast_upstream_connections_opened_total", server, app)).isEqualTo(4);
    assertThat(StatusSupport.metric(metrics, "holdfast_client_requests_total", "listener=\"main\"")).isEqualTo(1000);
    assertThat(StatusSupport.metric(metrics, "holdfast_client_connections_accepted_total", "listener=\"main\""))
        .isEqualTo(CLIENTS);
  }

  @Test
  void withoutUpstreamKeepaliveEveryRequestOpensAConnection() throws Exception {
    TestConfig config = start(0);

    runWorkload(config, false);

    JsonObject server = server(config);
    assertThat(server.getLong("requests")).isEqualTo(REQUESTS);
    assertThat(server.getLong("opened")).isEqualTo(REQUESTS);
    assertThat(server.getLong("reused")).isZero();
    assertThat(server.getDouble("reuseRatio")).isZero();
    assertThat(upstream.connections.get()).isEqualTo(REQUESTS);
  }

  private TestConfig start(int keepaliveConnections) throws Exception {
    TestConfig config = new TestConfig(upstream.port());
    config.json().getJsonObject("upstreams").getJsonObject("app")
        .put("keepalive", new JsonObject().put("connections", keepaliveConnections));
    holdfast.start(config);
    return config;
  }

  /** Each client's first request waits at the upstream until all 4 are there when {@code gated}. */
  private void runWorkload(TestConfig config, boolean gated) throws Exception {
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      runs.add(CompletableFuture.runAsync(() -> {
        try (RawClient client = new RawClient(config.listenerPort)) {
          for (int i = 0; i < REQUESTS / CLIENTS; i++) {
            String response = client.get(i == 0 && gated ? "/gate" : "/r");
            if (!response.startsWith("HTTP/1.1 200")) {
              throw new AssertionError(response);
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    if (gated) {
      await().atMost(Duration.ofSeconds(10)).until(() -> upstream.waiting.get() == CLIENTS);
      upstream.open();
    }
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  private JsonObject server(TestConfig config) throws Exception {
    return StatusSupport.json(config.adminPort).getJsonObject("upstreams").getJsonObject("app")
        .getJsonObject("servers").getJsonObject("127.0.0.1:" + upstream.port());
  }
}

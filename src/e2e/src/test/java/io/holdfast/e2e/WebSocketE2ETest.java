package io.holdfast.e2e;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket through the jar (contract §6): a Vert.x WebSocket client to a Vert.x echo server, counted in
 * /status.json and /metrics, and on SIGTERM given {@code shutdownTimeout} before its connections are closed.
 */
@ExtendWith(VertxExtension.class)
class WebSocketE2ETest {

  private static final long DRAIN_MILLIS = 2000;

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();

  @Test
  void anOpenWebSocketIsCountedAndOnSigtermEchoesUntilTheDrainTimeRunsOut(Vertx vertx) throws Exception {
    HttpServer echo = vertx.createHttpServer()
        .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    TestConfig config = new TestConfig(echo.actualPort());
    config.json().put("shutdownTimeout", DRAIN_MILLIS + "ms");
    HoldfastProcess holdfast = jar.start(config);

    // Held in a variable: Vert.x closes a client (and its WebSockets) that becomes unreachable.
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(config.listenerPort));
    WebSocket ws = client.connect(new WebSocketConnectOptions().setURI("/live")).await(10, TimeUnit.SECONDS);
    assertThat(echo(ws, "hello")).isEqualTo("hello");

    JsonObject status = new JsonObject(Http.get(config.adminPort, "/status.json").body());
    JsonObject server = status.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:" + echo.actualPort());
    assertThat(server.getJsonObject("tunnels").getInteger("open")).isEqualTo(1);
    assertThat(server.getJsonObject("tunnels").getLong("bytesToUpstream")).isPositive();
    assertThat(server.getInteger("open")).as("pooled connections").isZero();
    assertThat(status.getJsonObject("listeners").getJsonObject("main").getInteger("tunnels")).isEqualTo(1);
    assertThat(Http.get(config.adminPort, "/metrics").body())
        .contains("holdfast_tunnels_open{server=\"127.0.0.1:" + echo.actualPort() + "\",upstream=\"app\"} 1.0");

    Promise<Void> closed = Promise.promise();
    ws.closeHandler(closed::tryComplete);
    long terminatedAt = System.nanoTime();
    holdfast.terminate();

    assertThat(echo(ws, "still draining")).isEqualTo("still draining");
    closed.future().await(DRAIN_MILLIS + 10_000, TimeUnit.MILLISECONDS);
    long closedAfter = (System.nanoTime() - terminatedAt) / 1_000_000;
    assertThat(closedAfter).as("closed after the drain time, not before").isBetween(DRAIN_MILLIS - 300, DRAIN_MILLIS + 5000);
    assertThat(holdfast.waitForExit(Duration.ofSeconds(20))).as(holdfast.output()).isZero();
    client.close();
  }

  private static String echo(WebSocket ws, String text) throws Exception {
    Promise<String> answer = Promise.promise();
    ws.textMessageHandler(answer::tryComplete);
    ws.writeTextMessage(text);
    return answer.future().await(5, TimeUnit.SECONDS);
  }
}

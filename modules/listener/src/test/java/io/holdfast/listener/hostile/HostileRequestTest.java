package io.holdfast.listener.hostile;

import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigParser;
import io.holdfast.config.ConfigResult;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.listener.RawClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7: hostile or broken HTTP/1.x framing in front of a real listener and a raw upstream. Every case
 * hides a second request ({@code /smuggled}) behind the one whose framing is in doubt; the upstream must
 * never see it, the client gets the case's status, and the connection closes after it.
 */
class HostileRequestTest {

  private static Vertx vertx;
  private static RecordingUpstream upstream;
  private static int port;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    upstream = RecordingUpstream.start(vertx);
    JsonObject json = new JsonObject("""
        {"listeners": {"main": {"host": "127.0.0.1", "port": 0, "routes": [{"path": "/", "upstream": "app"}]}},
         "upstreams": {"app": {"servers": [{"address": "127.0.0.1:%d"}]}}}
        """.formatted(upstream.port()));
    ConfigResult result = ConfigParser.parse(json);
    assertThat(result.errors()).isEmpty();
    ListenerVerticle verticle = new ListenerVerticle(new ConfigSnapshot(1, Instant.now(), "test", result.config()));
    vertx.deployVerticle(verticle).await();
    port = verticle.boundPort("main");
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  static Stream<HostileCase> cases() {
    return HostileCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileRequestIsRefusedAndNothingIsSmuggled(HostileCase hostile) throws Exception {
    int before = upstream.requests();
    int rawBefore = upstream.raw().length();
    try (RawClient client = RawClient.connect(port)) {
      client.send(hostile.bytes());
      RawClient.Response response = responseOrClose(client);
      int status = response == null ? 0 : response.status();
      assertThat(status).as("status (0 = closed without an answer)").isEqualTo(hostile.status());
      if (response != null) {
        assertThat(response.header("connection")).isEqualTo("close");
        assertThat(response.header("content-length")).isEqualTo(String.valueOf(response.body().length()));
        assertThat(response.body()).startsWith(status + " ");
      }
      assertThat(client.closedWithin(2000)).as("connection closed after the answer").isTrue();
    }
    // "Nothing more arrives" has no event to await: a bounded wait is the only way to see an absence.
    Thread.sleep(150);
    assertThat(upstream.requests() - before).as("requests the upstream saw").isBetween(0, hostile.forwarded());
    assertThat(upstream.raw().substring(rawBefore)).doesNotContain("/smuggled");
  }

  @Test
  void validChunkedAndFixedLengthBodiesPassAndKeepTheConnection() throws Exception {
    int before = upstream.requests();
    try (RawClient client = RawClient.connect(port)) {
      RawClient.Response chunked = client.exchange("POST /chunked HTTP/1.1\r\nHost: t\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
      RawClient.Response fixed = client.exchange("POST /fixed HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
      RawClient.Response repeated = client.exchange("GET /repeated HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
      assertThat(chunked.status()).isEqualTo(200);
      assertThat(fixed.status()).isEqualTo(200);
      assertThat(repeated.status()).isEqualTo(200);
      assertThat(client.closedWithin(200)).isFalse();
    }
    await().until(() -> upstream.requests() - before == 3);
    assertThat(upstream.raw()).contains("POST /chunked HTTP/1.1", "POST /fixed HTTP/1.1", "hello");
  }

  @Test
  void bodyBrokenOffMidChunkNeverLeavesHalfARequestOnAPooledConnection() throws Exception {
    try (RawClient client = RawClient.connect(port)) {
      client.send("POST /half HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
      await().until(() -> upstream.raw().contains("POST /half"));
      client.send("lo\r\nzz\r\n");
      // The upstream had the head and half the body, but no response byte went out: the client gets 400.
      assertThat(client.read().status()).isEqualTo(400);
      assertThat(client.closedWithin(2000)).isTrue();
    }
    int before = upstream.requests();
    try (RawClient client = RawClient.connect(port)) {
      // Were the upstream connection pooled again, this head would land inside /half's chunked body.
      assertThat(client.exchange("GET /after HTTP/1.1\r\nHost: t\r\n\r\n").status()).isEqualTo(200);
    }
    assertThat(upstream.requests() - before).isEqualTo(1);
  }

  @Test
  void hostileRequestPipelinedBehindAValidOneIsRefusedAfterTheValidAnswer() throws Exception {
    try (RawClient client = RawClient.connect(port)) {
      client.send("GET /first HTTP/1.1\r\nHost: t\r\n\r\n"
          + "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
          + HostileCases.SMUGGLED);
      assertThat(client.read().status()).isEqualTo(200);
      assertThat(client.read().status()).isEqualTo(400);
      assertThat(client.closedWithin(2000)).isTrue();
    }
    Thread.sleep(150);
    assertThat(upstream.raw()).contains("GET /first").doesNotContain("/smuggled");
  }

  private static RawClient.Response responseOrClose(RawClient client) {
    try {
      return client.read();
    } catch (IOException closed) {
      return null;
    }
  }
}

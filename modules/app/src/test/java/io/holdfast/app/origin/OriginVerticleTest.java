package io.holdfast.app.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.bus.PortInUseException;
import io.holdfast.config.AdminConfig;
import io.holdfast.config.OriginConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OriginVerticleTest {

  private static final WelcomePage PAGE = WelcomePage.of(Path.of("conf/holdfast.json"),
      new AdminConfig("127.0.0.1", 9191, null));

  private Vertx vertx;
  private HttpClient client;
  private int port;

  @BeforeEach
  void deploy() {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    OriginVerticle origin = new OriginVerticle(new OriginConfig(true, "127.0.0.1", 0), PAGE);
    vertx.deployVerticle(origin).await();
    port = origin.actualPort();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A response with its body, read inside the chain so no byte arrives before a handler is set. */
  private record Reply(HttpClientResponse response, Buffer body) {
  }

  private Reply send(HttpMethod method, String path, String body) {
    return client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path))
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(bytes -> new Reply(response, bytes)))
        .await();
  }

  @Test
  void anyPathAnswersTheWelcomePage() {
    Reply reply = send(HttpMethod.GET, "/anything/at/all?x=1", null);

    assertThat(reply.response().statusCode()).isEqualTo(200);
    assertThat(reply.response().getHeader("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(reply.body().toString()).contains("Holdfast is running").contains("http://127.0.0.1:9191/metrics");
  }

  @Test
  void postIsAnsweredAndTheConnectionStaysUsable() {
    Reply first = send(HttpMethod.POST, "/form", "a".repeat(100_000));
    Reply second = send(HttpMethod.GET, "/", null);

    assertThat(first.response().statusCode()).isEqualTo(200);
    assertThat(second.response().statusCode()).isEqualTo(200);
    assertThat(second.body().length()).isEqualTo(PAGE.body().length());
  }

  @Test
  void headAnnouncesTheLengthWithoutABody() {
    Reply reply = send(HttpMethod.HEAD, "/", null);

    assertThat(reply.response().statusCode()).isEqualTo(200);
    assertThat(reply.response().getHeader("content-length")).isEqualTo(String.valueOf(PAGE.body().length()));
    assertThat(reply.body().length()).isZero();
  }

  @Test
  void takenPortFailsWithPortInUse() {
    OriginVerticle second = new OriginVerticle(new OriginConfig(true, "127.0.0.1", port), PAGE);

    assertThatThrownBy(() -> vertx.deployVerticle(second).await())
        .isInstanceOf(PortInUseException.class)
        .hasMessage("origin: port " + port + " on 127.0.0.1 is already in use");
  }
}

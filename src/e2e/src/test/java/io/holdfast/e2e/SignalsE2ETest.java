package io.holdfast.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Contract §1 signals: SIGTERM drains in-flight requests and exits 0; SIGHUP re-reads the file. */
@ExtendWith(VertxExtension.class)
class SignalsE2ETest {

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();

  @Test
  void sigtermLetsTheRequestInFlightFinishThenExitsZero(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      TestConfig config = new TestConfig(upstream.port());
      HoldfastProcess holdfast = jar.start(config);
      CompletableFuture<HttpResponse<String>> slow = Http.client().sendAsync(
          Http.request(config.listenerPort, "/slow").build(), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(10)).until(() -> upstream.requests.get() == 1);

      holdfast.terminate();

      HttpResponse<String> response = slow.get(15, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("app slow");
      assertThat(holdfast.waitForExit(Duration.ofSeconds(20))).as(holdfast.output()).isZero();
      assertThat(holdfast.output()).contains("SIGTERM");
    }
  }

  @Test
  void sighupAppliesTheEditedConfigFile(Vertx vertx) throws Exception {
    try (TestUpstream first = TestUpstream.start(vertx, "first");
        TestUpstream second = TestUpstream.start(vertx, "second")) {
      TestConfig config = new TestConfig(first.port());
      HoldfastProcess holdfast = jar.start(config);
      Path file = jar.configFile();
      assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("first /");

      JsonObject edited = config.json().copy();
      edited.getJsonObject("upstreams").put("app", TestConfig.upstream(second.port()));
      Files.writeString(file, edited.encodePrettily());
      // Watching is off in this config: only the signal can make Holdfast see the edit.
      assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("first /");
      holdfast.signal("HUP");

      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> Http.get(config.listenerPort, "/").body(), body -> body.equals("second /"));
      JsonObject running = new JsonObject(Http.get(config.adminPort, "/config").body());
      assertThat(running.getLong("version")).isEqualTo(2L);
      assertThat(running.getString("source")).isEqualTo("sighup");
      assertThat(holdfast.isAlive()).isTrue();
    }
  }

  @Test
  void aConfigRefusedOnSighupIsLoggedOnceAndTheRunningOneStays(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      TestConfig config = new TestConfig(upstream.port());
      HoldfastProcess holdfast = jar.start(config);
      JsonObject broken = config.json().copy();
      broken.getJsonObject("upstreams").put("app", TestConfig.upstream(0));
      Files.writeString(jar.configFile(), broken.encodePrettily());

      holdfast.signal("HUP");

      await().atMost(Duration.ofSeconds(10)).until(() -> holdfast.output().contains("SIGHUP: config refused"));
      String output = holdfast.output();
      assertThat(output.split("upstreams\\.app\\.servers\\[0\\]\\.address", -1)).as(output).hasSize(2);
      assertThat(new JsonObject(Http.get(config.adminPort, "/config").body()).getLong("version")).isEqualTo(1L);
      assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("app /");
    }
  }
}

package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract §8 config history against the jar: ETag/If-Match, versions, diff, rollback, the file on disk. */
@ExtendWith(VertxExtension.class)
class ConfigHistoryE2ETest {

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();

  @Test
  void twoPatchesAreListedAndARollbackRestoresTheFirstConfigAsANewVersionOnDiskToo(Vertx vertx) throws Exception {
    try (TestUpstream first = TestUpstream.start(vertx, "first");
        TestUpstream second = TestUpstream.start(vertx, "second")) {
      TestConfig config = new TestConfig(first.port());
      HoldfastProcess holdfast = jar.start(config);
      Path file = jar.configFile();
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      String original = Files.readString(file);
      int admin = config.adminPort;
      assertThat(Http.get(admin, "/config").headers().firstValue("ETag")).hasValue("\"1\"");

      HttpResponse<String> toSecond = send(admin, "PATCH", "/config", "\"1\"",
          new JsonObject().put("upstreams", new JsonObject().put("app", TestConfig.upstream(second.port()))));
      assertThat(toSecond.statusCode()).isEqualTo(200);
      assertThat(toSecond.headers().firstValue("ETag")).hasValue("\"2\"");
      HttpResponse<String> connections = send(admin, "PATCH", "/config", "\"2\"", keepaliveConnections(8));
      assertThat(connections.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(connections.body()).getLong("version")).isEqualTo(3);
      assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("second /");

      String fileAtVersion3 = Files.readString(file);
      HttpResponse<String> stale = send(admin, "PATCH", "/config", "\"2\"", keepaliveConnections(9));
      assertThat(stale.statusCode()).isEqualTo(412);
      assertThat(stale.headers().firstValue("ETag")).hasValue("\"3\"");
      HttpResponse<String> noOp = send(admin, "PATCH", "/config", null, keepaliveConnections(8));
      assertThat(noOp.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(noOp.body()).getLong("version")).as("a no-op is no new version").isEqualTo(3);
      assertThat(Files.readString(file)).isEqualTo(fileAtVersion3);

      JsonArray versions = new JsonArray(Http.get(admin, "/config/versions").body());
      assertThat(versions.stream().map(v -> ((JsonObject) v).getLong("version"))).containsExactly(3L, 2L, 1L);
      assertThat(versions.stream().map(v -> ((JsonObject) v).getString("source"))).containsExactly("api", "api", "file");
      JsonObject three = new JsonObject(Http.get(admin, "/config/versions/3").body());
      assertThat(three.getJsonArray("diff")).containsExactly(new JsonObject()
          .put("path", "upstreams.app.keepalive.connections").put("old", 32).put("new", 8));
      assertThat(three.getJsonObject("config").getJsonObject("upstreams").getJsonObject("app")
          .getJsonArray("servers").getJsonObject(0).getString("address")).isEqualTo("127.0.0.1:" + second.port());

      HttpResponse<String> rollback = send(admin, "POST", "/config/rollback", "\"3\"",
          new JsonObject().put("version", 1));
      assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
      JsonObject applied = new JsonObject(rollback.body());
      assertThat(applied.getLong("version")).isEqualTo(4);
      assertThat(applied.getString("source")).isEqualTo("rollback");
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> Http.get(config.listenerPort, "/").body(), "first /"::equals);

      assertThat(new JsonObject(Files.readString(file))).as("the file holds version 1's document again")
          .isEqualTo(new JsonObject(original));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
      assertThat(file.getParent().toFile().list()).containsExactly("holdfast.json");
      assertThat(Http.get(admin, "/config/versions/9").statusCode()).isEqualTo(404);
      assertThat(holdfast.isAlive()).isTrue();
    }
  }

  private static JsonObject keepaliveConnections(int connections) {
    return new JsonObject().put("upstreams", new JsonObject().put("app",
        new JsonObject().put("keepalive", new JsonObject().put("connections", connections))));
  }

  private static HttpResponse<String> send(int port, String method, String path, String ifMatch, JsonObject body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = Http.request(port, path)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return Http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

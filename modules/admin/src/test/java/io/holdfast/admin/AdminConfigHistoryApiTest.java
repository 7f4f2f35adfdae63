package io.holdfast.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.ConfigLoader;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ConfigVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETag/If-Match, the version history and rollback over HTTP, with the real config verticle and its file. */
class AdminConfigHistoryApiTest {

  private static final String TOKEN = "tok-history-1";
  private static final String CONFIG = """
      {
        "upstreams": { "app": { "servers": [ { "address": "127.0.0.1:8000" } ] } },
        "admin": { "host": "127.0.0.1", "port": 0, "token": "%s" },
        "reload": { "watch": false }
      }
      """.formatted(TOKEN);

  @TempDir
  Path dir;
  private Path file;
  private Vertx vertx;
  private AdminClient client;

  @BeforeEach
  void setUp() throws Exception {
    file = dir.resolve("holdfast.json");
    Files.writeString(file, CONFIG);
    ConfigSnapshot initial = new ConfigSnapshot(1, Instant.now(), "file", ConfigLoader.load(file).config());
    vertx = Vertx.vertx();
    vertx.deployVerticle(new ConfigVerticle(file, initial)).await(5, TimeUnit.SECONDS);
    StatusStandIns.deploy(vertx, initial);
    AdminVerticle admin = new AdminVerticle(initial.config().admin());
    vertx.deployVerticle(admin).await(5, TimeUnit.SECONDS);
    client = new AdminClient(vertx, admin.actualPort());
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Map<String, String> auth(String... more) {
    Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/json"));
    for (int i = 0; i < more.length; i += 2) {
      headers.put(more[i], more[i + 1]);
    }
    return headers;
  }

  private AdminClient.Response patchConnections(int connections, String... headers) throws Exception {
    return client.send(HttpMethod.PATCH, "/config", auth(headers),
        "{\"upstreams\":{\"app\":{\"keepalive\":{\"connections\":" + connections + "}}}}");
  }

  private int connectionsInFile() throws Exception {
    JsonObject keepalive = new JsonObject(Files.readString(file)).getJsonObject("upstreams").getJsonObject("app")
        .getJsonObject("keepalive");
    return keepalive == null ? 32 : keepalive.getInteger("connections");
  }

  private long runningVersion() throws Exception {
    return client.send(HttpMethod.GET, "/config", auth(), null).json().getLong("version");
  }

  @Test
  void getConfigCarriesItsVersionAsETagAndEveryWriteAnswersTheNewOne() throws Exception {
    assertThat(client.send(HttpMethod.GET, "/config", auth(), null).header("ETag")).isEqualTo("\"1\"");

    AdminClient.Response patch = patchConnections(48, "If-Match", "\"1\"");

    assertThat(patch.status()).isEqualTo(200);
    assertThat(patch.header("ETag")).isEqualTo("\"2\"");
    assertThat(client.send(HttpMethod.GET, "/config", auth(), null).header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void aWriteWithAStaleIfMatchIs412AndChangesNothing() throws Exception {
    patchConnections(48);
    String fileBefore = Files.readString(file);

    for (HttpMethod method : List.of(HttpMethod.PATCH, HttpMethod.PUT)) {
      AdminClient.Response stale = client.send(method, "/config", auth("If-Match", "\"1\""),
          "{\"upstreams\":{\"app\":{\"servers\":[{\"address\":\"127.0.0.1:8000\"}],\"keepalive\":{\"connections\":7}}}}");

      assertThat(stale.status()).as(method.name()).isEqualTo(412);
      assertThat(stale.header("ETag")).isEqualTo("\"2\"");
      assertThat(stale.json().getJsonArray("errors").getJsonObject(0).getString("message"))
          .contains("If-Match \"1\"").contains("version 2");
    }
    AdminClient.Response rollback = client.send(HttpMethod.POST, "/config/rollback", auth("If-Match", "\"1\""),
        "{\"version\":1}");
    assertThat(rollback.status()).isEqualTo(412);
    assertThat(runningVersion()).isEqualTo(2);
    assertThat(Files.readString(file)).isEqualTo(fileBefore);
  }

  @Test
  void ifMatchAcceptsTheRunningVersionInAListOrAStarButNeverAWeakTag() throws Exception {
    assertThat(patchConnections(40, "If-Match", "\"7\", \"1\"").status()).isEqualTo(200);
    assertThat(patchConnections(41, "If-Match", "*").status()).isEqualTo(200);
    assertThat(patchConnections(42, "If-Match", "W/\"3\"").status()).isEqualTo(412);
    assertThat(patchConnections(42, "If-Match", "3").status()).isEqualTo(412);
    assertThat(patchConnections(42).status()).as("no If-Match: proceeds as before").isEqualTo(200);
    assertThat(runningVersion()).isEqualTo(4);
  }

  @Test
  void ofTwoOperatorsEditingTheSameVersionAtOnceOneWinsAndTheOtherGets412() throws Exception {
    CompletableFuture<AdminClient.Response> first = CompletableFuture.supplyAsync(() -> send(() -> patchConnections(10, "If-Match", "\"1\"")));
    CompletableFuture<AdminClient.Response> second = CompletableFuture.supplyAsync(() -> send(() -> patchConnections(20, "If-Match", "\"1\"")));

    List<Integer> statuses = List.of(first.get(10, TimeUnit.SECONDS).status(), second.get(10, TimeUnit.SECONDS).status());

    assertThat(statuses).containsExactlyInAnyOrder(200, 412);
    int winner = statuses.get(0) == 200 ? 10 : 20;
    assertThat(connectionsInFile()).isEqualTo(winner);
    assertThat(runningVersion()).isEqualTo(2);
  }

  @Test
  void aWriteThatChangesNothingAnswers200WithTheSameVersionAndLeavesTheFileAlone() throws Exception {
    String document = client.send(HttpMethod.GET, "/config", auth(), null).body();
    long modified = Files.getLastModifiedTime(file).toMillis() - 60_000;
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(modified));

    AdminClient.Response put = client.send(HttpMethod.PUT, "/config", auth(), document);
    AdminClient.Response patch = patchConnections(32);

    for (AdminClient.Response response : List.of(put, patch)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().getLong("version")).isEqualTo(1);
      assertThat(response.json().getString("source")).isEqualTo("file");
      assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }
    assertThat(Files.readString(file)).isEqualTo(CONFIG);
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    assertThat(client.send(HttpMethod.GET, "/config/versions", auth(), null).jsonArray()).hasSize(1);
  }

  @Test
  void versionsAreListedNewestFirstAndEachShowsItsConfigAndDiff() throws Exception {
    patchConnections(48);
    client.send(HttpMethod.PATCH, "/config", auth(), "{\"admin\":{\"token\":\"" + TOKEN + "\"},\"instances\":5}");

    JsonArray versions = client.send(HttpMethod.GET, "/config/versions", auth(), null).jsonArray();

    assertThat(versions).hasSize(3);
    assertThat(versions.stream().map(v -> ((JsonObject) v).getLong("version"))).containsExactly(3L, 2L, 1L);
    assertThat(versions.stream().map(v -> ((JsonObject) v).getString("source"))).containsExactly("api", "api", "file");
    assertThat(versions.getJsonObject(2).fieldNames()).containsExactlyInAnyOrder("version", "appliedAt", "source");

    AdminClient.Response two = client.send(HttpMethod.GET, "/config/versions/2", auth(), null);
    assertThat(two.status()).isEqualTo(200);
    JsonObject version = two.json();
    assertThat(version.getLong("version")).isEqualTo(2);
    assertThat(version.getString("source")).isEqualTo("api");
    assertThat(version.getJsonArray("diff")).containsExactly(new JsonObject()
        .put("path", "upstreams.app.keepalive.connections").put("old", 32).put("new", 48));
    JsonObject config = version.getJsonObject("config");
    assertThat(config.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive")
        .getInteger("connections")).isEqualTo(48);
    assertThat(config.getJsonObject("listeners").getJsonObject("main").getInteger("port")).as("defaults written out")
        .isEqualTo(8080);
    assertThat(config.getJsonObject("admin").getString("token")).isEqualTo(TokenRedaction.REDACTED);
    assertThat(client.send(HttpMethod.GET, "/config/versions/1", auth(), null).json().getJsonArray("diff")).isEmpty();
    assertThat(client.send(HttpMethod.GET, "/config/versions/3", auth(), null).body()).doesNotContain(TOKEN);
  }

  @Test
  void anUnknownOrMalformedVersionIs404() throws Exception {
    for (String path : List.of("/config/versions/9", "/config/versions/0", "/config/versions/abc", "/config/versions/")) {
      AdminClient.Response response = client.send(HttpMethod.GET, path, auth(), null);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.json().getJsonArray("errors")).hasSize(1);
    }
    assertThat(client.send(HttpMethod.GET, "/config/versions/9", auth(), null).body())
        .contains("no version 9 (the latest is 1)");
    assertThat(client.send(HttpMethod.DELETE, "/config/versions/1", auth(), null).header("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void aForgottenVersionIs404AndCannotBeRolledBackTo() throws Exception {
    for (int i = 1; i <= 50; i++) {
      assertThat(patchConnections(i).status()).isEqualTo(200);
    }

    assertThat(client.send(HttpMethod.GET, "/config/versions", auth(), null).jsonArray()).hasSize(50);
    AdminClient.Response forgotten = client.send(HttpMethod.GET, "/config/versions/1", auth(), null);
    assertThat(forgotten.status()).isEqualTo(404);
    assertThat(forgotten.body()).contains("version 1 is no longer kept");
    assertThat(client.send(HttpMethod.POST, "/config/rollback", auth(), "{\"version\":1}").status()).isEqualTo(404);
    assertThat(client.send(HttpMethod.GET, "/config/versions/2", auth(), null).status()).isEqualTo(200);
  }

  @Test
  void aRollbackAppliesTheOldConfigAsANewVersionAndPersistsIt() throws Exception {
    patchConnections(48);
    patchConnections(64);

    AdminClient.Response rollback = client.send(HttpMethod.POST, "/config/rollback", auth("If-Match", "\"3\""),
        "{\"version\": 2}");

    assertThat(rollback.status()).isEqualTo(200);
    assertThat(rollback.json().getLong("version")).isEqualTo(4);
    assertThat(rollback.json().getString("source")).isEqualTo("rollback");
    assertThat(rollback.header("ETag")).isEqualTo("\"4\"");
    assertThat(connectionsInFile()).isEqualTo(48);
    JsonObject running = client.send(HttpMethod.GET, "/config", auth(), null).json();
    assertThat(running.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive")
        .getInteger("connections")).isEqualTo(48);
    JsonObject latest = client.send(HttpMethod.GET, "/config/versions", auth(), null).jsonArray().getJsonObject(0);
    assertThat(latest.getLong("rollbackOf")).isEqualTo(2);
    assertThat(client.send(HttpMethod.GET, "/config/versions/4", auth(), null).json().getJsonArray("diff"))
        .containsExactly(new JsonObject().put("path", "upstreams.app.keepalive.connections").put("old", 64).put("new", 48));
  }

  @Test
  void aRollbackWithoutAVersionNumberIs400AndAnUnknownOneIs404() throws Exception {
    for (String body : List.of("{}", "{\"version\":\"2\"}", "{\"version\":1.5}", "{\"version\":0}")) {
      AdminClient.Response response = client.send(HttpMethod.POST, "/config/rollback", auth(), body);
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("version");
    }
    assertThat(client.send(HttpMethod.POST, "/config/rollback", auth(), "[1]").status()).isEqualTo(400);
    AdminClient.Response unknown = client.send(HttpMethod.POST, "/config/rollback", auth(), "{\"version\":5}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("version");
  }

  @Test
  void historyAndRollbackNeedTheToken() throws Exception {
    Map<String, String> wrong = Map.of("Authorization", "Bearer nope");
    assertThat(client.send(HttpMethod.GET, "/config/versions", wrong, null).status()).isEqualTo(401);
    assertThat(client.send(HttpMethod.GET, "/config/versions/1", Map.of(), null).status()).isEqualTo(401);
    AdminClient.Response rollback = client.send(HttpMethod.POST, "/config/rollback", wrong, "{\"version\":1}");
    assertThat(rollback.status()).isEqualTo(401);
    assertThat(rollback.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @FunctionalInterface
  private interface Call {
    AdminClient.Response run() throws Exception;
  }

  private static AdminClient.Response send(Call call) {
    try {
      return call.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

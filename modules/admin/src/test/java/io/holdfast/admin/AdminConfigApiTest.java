package io.holdfast.admin;

import io.holdfast.config.ConfigLoader;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ConfigVerticle;
import io.holdfast.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The config API end to end: admin verticle, the real config verticle and its file. */
class AdminConfigApiTest {

  private static final String TOKEN = "tok-3f9a";
  private static final Map<String, String> AUTH_JSON =
      Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
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
    deploy(new ConfigVerticle(file, initial));
    StatusStandIns.deploy(vertx, initial);
    AdminVerticle admin = new AdminVerticle(initial.config().admin());
    deploy(admin);
    client = new AdminClient(vertx, admin.actualPort());
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture()
        .get(AdminClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void getConfigShowsEveryDefaultWithVersionAndRedactedToken() throws Exception {
    AdminClient.Response response = client.send(HttpMethod.GET, "/config", AUTH_JSON, null);

    assertThat(response.status()).isEqualTo(200);
    JsonObject config = response.json();
    assertThat(config.getLong("version")).isEqualTo(1);
    assertThat(config.getString("source")).isEqualTo("file");
    assertThat(Instant.parse(config.getString("appliedAt"))).isBeforeOrEqualTo(Instant.now());
    JsonObject upstream = config.getJsonObject("upstreams").getJsonObject("app");
    assertThat(upstream.getJsonObject("keepalive").getInteger("connections")).isEqualTo(32);
    assertThat(upstream.getJsonObject("keepalive").getString("timeout")).isIn("60s", "1m");
    JsonObject listener = config.getJsonObject("listeners").getJsonObject("main");
    assertThat(listener.getInteger("port")).isEqualTo(8080);
    assertThat(listener.getJsonObject("keepalive").getString("timeout")).isEqualTo("75s");
    assertThat(config.getJsonObject("admin").getString("token")).isEqualTo(TokenRedaction.REDACTED);
    assertThat(response.body()).doesNotContain(TOKEN);
  }

  @Test
  void refusedFileEditIsShownWithItsKeyPathsWhileTheRunningConfigStays() throws Exception {
    Files.writeString(file, CONFIG.replace("127.0.0.1:8000", "127.0.0.1:0"));
    vertx.eventBus().request(io.holdfast.bus.Addresses.CONFIG_RELOAD, null)
        .toCompletionStage().toCompletableFuture().get(AdminClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);

    JsonObject config = client.send(HttpMethod.GET, "/config", AUTH_JSON, null).json();

    assertThat(config.getLong("version")).isEqualTo(1);
    JsonObject rejected = config.getJsonObject("lastRejected");
    assertThat(rejected.getString("source")).isEqualTo("sighup");
    assertThat(rejected.getJsonArray("errors").getJsonObject(0).getString("path"))
        .isEqualTo("upstreams.app.servers[0].address");
    // The document with its lastRejected report still PUTs back as it is.
    Files.writeString(file, CONFIG);
    assertThat(client.send(HttpMethod.PUT, "/config", AUTH_JSON, config.encode()).status()).isEqualTo(200);
  }

  @Test
  void getConfigOutputPutsBackAndKeepsTheToken() throws Exception {
    String document = client.send(HttpMethod.GET, "/config", AUTH_JSON, null).body();

    AdminClient.Response put = client.send(HttpMethod.PUT, "/config", AUTH_JSON, document);

    assertThat(put.status()).isEqualTo(200);
    assertThat(client.send(HttpMethod.GET, "/config", AUTH_JSON, null).status()).isEqualTo(200);
    assertThat(new JsonObject(Files.readString(file)).getJsonObject("admin").getString("token")).isEqualTo(TOKEN);
  }

  @Test
  void invalidPutIs400AtTheKeyPathAndChangesNothing() throws Exception {
    byte[] before = Files.readAllBytes(file);
    String invalid = """
        { "upstreams": { "app": { "servers": [ { "address": "127.0.0.1:8000" } ],
                                  "keepalive": { "requests": 0 } } },
          "admin": { "port": 0, "token": "<redacted>" } }
        """;

    AdminClient.Response response = client.send(HttpMethod.PUT, "/config", AUTH_JSON, invalid);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("path"))
        .isEqualTo("upstreams.app.keepalive.requests");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(client.send(HttpMethod.GET, "/config", AUTH_JSON, null).json().getLong("version")).isEqualTo(1);
  }

  @Test
  void validPatchAppliesANewVersionAndRewritesTheFile() throws Exception {
    Map<String, String> headers = Map.of("Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/merge-patch+json");

    AdminClient.Response response = client.send(HttpMethod.PATCH, "/config", headers,
        "{\"upstreams\":{\"app\":{\"keepalive\":{\"requests\":500}}}}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getLong("version")).isEqualTo(2);
    assertThat(response.json().getString("source")).isEqualTo("api");
    JsonObject running = client.send(HttpMethod.GET, "/config", AUTH_JSON, null).json();
    assertThat(running.getLong("version")).isEqualTo(2);
    assertThat(running.getJsonObject("upstreams").getJsonObject("app").getJsonObject("keepalive")
        .getInteger("requests")).isEqualTo(500);
    assertThat(new JsonObject(Files.readString(file)).getJsonObject("upstreams").getJsonObject("app")
        .getJsonObject("keepalive").getInteger("requests")).isEqualTo(500);
  }

  @Test
  void aTokenChangedThroughTheApiAppliesToTheNextRequest() throws Exception {
    AdminClient.Response patch = client.send(HttpMethod.PATCH, "/config", AUTH_JSON,
        "{\"admin\":{\"token\":\"rotated-token\"}}");
    assertThat(patch.status()).isEqualTo(200);
    assertThat(patch.body()).doesNotContain("rotated-token");

    assertThat(client.send(HttpMethod.GET, "/config", AUTH_JSON, null).status()).isEqualTo(401);
    assertThat(client.send(HttpMethod.GET, "/config", Map.of("Authorization", "Bearer rotated-token"), null)
        .status()).isEqualTo(200);
  }

  @Test
  void aPatchThatMovesTheAdminPortIsAnsweredThenServedOnTheNewPort() throws Exception {
    int newPort = FreePorts.next();

    AdminClient.Response patch = client.send(HttpMethod.PATCH, "/config", AUTH_JSON,
        "{\"admin\":{\"port\":" + newPort + "}}");

    assertThat(patch.status()).isEqualTo(200);
    AdminClient moved = new AdminClient(vertx, newPort);
    org.awaitility.Awaitility.await().atMost(AdminClient.PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(moved.send(HttpMethod.GET, "/config", AUTH_JSON, null).json().getJsonObject("admin")
            .getInteger("port")).isEqualTo(newPort));
  }

  private void deploy(io.vertx.core.Deployable verticle) throws Exception {
    vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture()
        .get(AdminClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }
}

package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.StatusMediaTypes;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigError;
import io.holdfast.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The admin layer's own rules, against a stand-in config service and the real status verticle. */
class AdminApiTest {

  private static final String TOKEN = "s3cret-token";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);
  private static final Map<String, String> AUTH_JSON =
      Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");

  private Vertx vertx;
  private ConfigStandIn config;
  private AdminClient client;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    config = new ConfigStandIn(vertx, TOKEN);
    StatusStandIns.deploy(vertx, ConfigStandIn.snapshot(1, TOKEN));
    AdminVerticle admin = new AdminVerticle(ConfigStandIn.snapshot(1, TOKEN).config().admin(), 4096);
    vertx.deployVerticle(admin).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    client = new AdminClient(vertx, admin.actualPort());
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void stubStatusIsServedWithoutToken() throws Exception {
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.get("/status").body())
        .isEqualTo("Active connections: 3 \nserver accepts handled requests\n 17 17 120 \n"
            + "Reading: 0 Writing: 1 Waiting: 2 \n"));
    assertThat(client.get("/status").header("Content-Type")).startsWith("text/plain");
  }

  @Test
  void statusJsonAndMetricsAreServedWithoutToken() throws Exception {
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(client.get("/status.json").json().getLong("requests")).isEqualTo(120));
    AdminClient.Response json = client.get("/status.json");
    assertThat(json.header("Content-Type")).isEqualTo("application/json");
    assertThat(json.json().getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000").getLong("reused")).isEqualTo(116);

    AdminClient.Response metrics = client.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).isEqualTo(StatusMediaTypes.PROMETHEUS);
    assertThat(metrics.body()).contains("holdfast_client_requests_total{listener=\"main\"} 120.0");
  }

  @Test
  void healthzIs503WithReasonUntilBoundThen200() throws Exception {
    AdminClient.Response unbound = client.get("/healthz");
    assertThat(unbound.status()).isEqualTo(503);
    assertThat(unbound.body()).isNotBlank().isNotEqualTo("ok");

    StatusStandIns.bound(vertx, 1);

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.get("/healthz").status())
        .isEqualTo(200));
    assertThat(client.get("/healthz").body()).isEqualTo("ok");
  }

  @Test
  void protectedEndpointsRefuseAMissingOrWrongToken() throws Exception {
    for (Map<String, String> headers : List.of(Map.<String, String>of(),
        Map.of("Authorization", "Bearer wrong"), Map.of("Authorization", "Basic " + TOKEN))) {
      AdminClient.Response response = client.send(HttpMethod.GET, "/openapi.json", headers, null);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(response.json().getJsonArray("errors")).hasSize(1);
    }
    AdminClient.Response put = client.send(HttpMethod.PUT, "/config", Map.of(), "{}");
    assertThat(put.status()).isEqualTo(401);
    assertThat(config.changes).isEmpty();
  }

  @Test
  void theRightTokenOpensProtectedEndpoints() throws Exception {
    assertThat(client.send(HttpMethod.GET, "/openapi.json", AUTH, null).status()).isEqualTo(200);
  }

  @Test
  void aTokenChangedAtRuntimeAppliesToTheNextRequest() throws Exception {
    config.token("rotated");

    assertThat(client.send(HttpMethod.GET, "/openapi.json", AUTH, null).status()).isEqualTo(401);
    assertThat(client.send(HttpMethod.GET, "/openapi.json", Map.of("Authorization", "Bearer rotated"), null)
        .status()).isEqualTo(200);
  }

  @Test
  void withoutATokenEveryEndpointIsOpen() throws Exception {
    config.token(null);
    assertThat(client.get("/openapi.json").status()).isEqualTo(200);
  }

  @Test
  void putForwardsTheDocumentAndAnswersTheNewVersion() throws Exception {
    String body = "{\"upstreams\":{\"app\":{\"servers\":[{\"address\":\"127.0.0.1:8000\"}]}}}";

    AdminClient.Response response = client.send(HttpMethod.PUT, "/config", AUTH_JSON, body);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getLong("version")).isEqualTo(2);
    assertThat(response.json().getString("appliedAt")).isEqualTo("2026-01-01T00:00:02Z");
    assertThat(config.changes).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ConfigChange.Kind.REPLACE);
      assertThat(c.body()).isEqualTo(new JsonObject(body));
    });
  }

  @Test
  void aRefusedChangeAnswers400WithEveryError() throws Exception {
    config.refuseWith(new ConfigError("upstreams.app.keepalive.requests", "must be ≥ 1"),
        new ConfigError("instances", "must be ≥ 1"));

    AdminClient.Response response = client.send(HttpMethod.PUT, "/config", AUTH_JSON, "{\"instances\":0}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json()).isEqualTo(new JsonObject("{\"errors\":["
        + "{\"path\":\"upstreams.app.keepalive.requests\",\"message\":\"must be ≥ 1\"},"
        + "{\"path\":\"instances\",\"message\":\"must be ≥ 1\"}]}"));
  }

  @Test
  void invalidJsonIs400AtTheEmptyPathAndNeverReachesTheConfig() throws Exception {
    for (String body : List.of("{\"instances\": ", "[1,2]", "")) {
      AdminClient.Response response = client.send(HttpMethod.PUT, "/config", AUTH_JSON, body);
      assertThat(response.status()).as(body).isEqualTo(400);
      JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("path")).isEmpty();
      assertThat(error.getString("message")).startsWith("the body ").doesNotContain("StreamReadFeature", "Source");
    }
    AdminClient.Response broken = client.send(HttpMethod.PUT, "/config", AUTH_JSON, "{\"instances\": 2,,}");
    assertThat(broken.json().getJsonArray("errors").getJsonObject(0).getString("message"))
        .isEqualTo("the body is not valid JSON: line 1, column 17: Unexpected character (',' (code 44)):"
            + " was expecting double-quote to start field name");
    assertThat(config.changes).isEmpty();
  }

  @Test
  void patchIsForwardedAsAMergePatch() throws Exception {
    Map<String, String> headers = Map.of("Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/merge-patch+json");

    AdminClient.Response response = client.send(HttpMethod.PATCH, "/config", headers, "{\"instances\":3}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(config.changes).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ConfigChange.Kind.PATCH);
      assertThat(c.body()).isEqualTo(new JsonObject().put("instances", 3));
    });
  }

  @Test
  void patchWithAnotherMediaTypeIs415() throws Exception {
    Map<String, String> headers = Map.of("Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/json-patch+json");

    AdminClient.Response response = client.send(HttpMethod.PATCH, "/config", headers, "[]");

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.header("Accept-Patch")).isEqualTo("application/merge-patch+json");
    assertThat(config.changes).isEmpty();
  }

  @Test
  void theRedactedPlaceholderKeepsTheRunningToken() throws Exception {
    String body = "{\"admin\":{\"port\":9191,\"token\":\"<redacted>\"}}";

    client.send(HttpMethod.PATCH, "/config", AUTH_JSON, body);
    client.send(HttpMethod.PUT, "/config", AUTH_JSON, body);

    assertThat(config.changes).hasSize(2);
    // In a patch an absent key is left as it is; in a replacement the running token is written back.
    assertThat(config.changes.get(0).body()).isEqualTo(new JsonObject("{\"admin\":{\"port\":9191}}"));
    assertThat(config.changes.get(1).body())
        .isEqualTo(new JsonObject("{\"admin\":{\"port\":9191,\"token\":\"" + TOKEN + "\"}}"));
  }

  @Test
  void theTokenIsInNoResponseBody() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (String path : List.of("/status", "/status.json", "/metrics", "/healthz", "/openapi.json", "/nope")) {
      bodies.add(client.send(HttpMethod.GET, path, AUTH, null).body());
    }
    bodies.add(client.send(HttpMethod.PUT, "/config", AUTH_JSON, "{}").body());
    config.refuseWith(new ConfigError("admin.token", "must be a non-empty string"));
    bodies.add(client.send(HttpMethod.PUT, "/config", AUTH_JSON, "{\"admin\":{\"token\":\"\"}}").body());

    assertThat(bodies).allSatisfy(b -> assertThat(b).doesNotContain(TOKEN));
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    String big = "{\"pad\":\"" + "x".repeat(5000) + "\"}";

    AdminClient.Response response = client.send(HttpMethod.PUT, "/config", AUTH_JSON, big);

    assertThat(response.status()).isEqualTo(413);
    assertThat(config.changes).isEmpty();
  }

  @Test
  void anUnknownPathIs404() throws Exception {
    AdminClient.Response response = client.get("/nope");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().getJsonArray("errors")).hasSize(1);
  }

  @Test
  void aKnownPathWithTheWrongMethodIs405WithAllow() throws Exception {
    AdminClient.Response post = client.send(HttpMethod.POST, "/status", Map.of(), "x");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).isEqualTo("GET, HEAD");

    AdminClient.Response delete = client.send(HttpMethod.DELETE, "/config", AUTH, null);
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.header("Allow")).isEqualTo("GET, HEAD, PATCH, PUT");
  }

  @Test
  void headIsAnsweredWhereGetIsWithTheHeadersAndNoBody() throws Exception {
    AdminClient.Response get = client.get("/status.json");
    AdminClient.Response head = client.send(HttpMethod.HEAD, "/status.json", Map.of(), null);
    AdminClient.Response config = client.send(HttpMethod.HEAD, "/config", Map.of(), null);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
    assertThat(head.body()).isEmpty();
    assertThat(config.status()).as("HEAD keeps GET's token rule").isEqualTo(401);
  }

  @Test
  void openApiDocumentListsEveryEndpoint() throws Exception {
    JsonObject doc = client.send(HttpMethod.GET, "/openapi.json", AUTH, null).json();

    assertThat(doc.getString("openapi")).startsWith("3.1");
    assertThat(doc.getJsonObject("paths").fieldNames())
        .containsExactlyInAnyOrder("/status", "/status.json", "/metrics", "/healthz", "/cluster", "/advice", "/", "/dashboard",
            "/dashboard/stream", "/config", "/config/versions", "/config/versions/{version}", "/config/rollback",
            "/openapi.json");
    assertThat(doc.getJsonObject("paths").getJsonObject("/config").fieldNames())
        .containsExactlyInAnyOrder("get", "put", "patch");
    assertThat(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Errors")).isNotNull();
  }

  @Test
  void theAdminPortMovesWhenTheConfigNamesAnother() throws Exception {
    int newPort = FreePorts.next();
    var moved = ConfigStandIn.snapshot(5, TOKEN);
    moved = new io.holdfast.config.ConfigSnapshot(5, moved.appliedAt(), "api",
        new io.holdfast.config.HoldfastConfig(1, moved.config().transport(), moved.config().shutdownTimeout(),
            Map.of(), Map.of(), new io.holdfast.config.AdminConfig("127.0.0.1", newPort, TOKEN),
            moved.config().reload(), moved.config().origin(), moved.config().fileDescriptors(),
            moved.config().cluster()));

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, moved);

    AdminClient movedClient = new AdminClient(vertx, newPort);
    await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
        .untilAsserted(() -> assertThat(movedClient.get("/status").status()).isEqualTo(200));
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        client.get("/status");
        return false;
      } catch (Exception refused) {
        return true;
      }
    });
  }
}

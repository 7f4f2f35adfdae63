package io.holdfast.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.NodeReport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /cluster, /status.json?scope=cluster and a fleet change's answer, against stand-ins for the fleet. */
class AdminClusterApiTest {

  private static final String TOKEN = "s3cret-token";
  private static final Map<String, String> AUTH_JSON =
      Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");

  private Vertx vertx;
  private AdminClient client;
  private volatile ConfigChangeResult nextAnswer;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    ConfigSnapshot running = ConfigStandIn.snapshot(3, TOKEN);
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    LocalCodec.register(vertx.eventBus(), ConfigChange.class);
    LocalCodec.register(vertx.eventBus(), ConfigChangeResult.class);
    vertx.eventBus().localConsumer(Addresses.CONFIG_CURRENT, m -> m.reply(running))
        .completion().await(5, TimeUnit.SECONDS);
    vertx.eventBus().localConsumer(Addresses.CONFIG_CHANGE, m -> m.reply(nextAnswer))
        .completion().await(5, TimeUnit.SECONDS);
    StatusStandIns.deploy(vertx, running);
    AdminVerticle admin = new AdminVerticle(running.config().admin(), 4096);
    vertx.deployVerticle(admin).await(5, TimeUnit.SECONDS);
    client = new AdminClient(vertx, admin.actualPort());
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void withoutAFleetClusterSaysClusteringIsOffAndNeedsNoToken() throws Exception {
    AdminClient.Response cluster = client.get("/cluster");

    assertThat(cluster.status()).isEqualTo(200);
    assertThat(cluster.json()).isEqualTo(new JsonObject().put("enabled", false).put("nodes", new JsonArray()));
  }

  @Test
  void inAFleetClusterIsTheFleetVerticlesView() throws Exception {
    JsonObject view = new JsonObject().put("enabled", true).put("name", "edge").put("version", 7)
        .put("nodes", new JsonArray().add(new JsonObject().put("id", "n1").put("address", "10.0.0.1:5801")
            .put("version", 7).put("since", "2026-01-01T00:00:00Z").put("listenersUp", true)));
    vertx.eventBus().localConsumer(Addresses.FLEET_NODES, m -> m.reply(view)).completion().await(5, TimeUnit.SECONDS);

    assertThat(client.get("/cluster").json()).isEqualTo(view);
  }

  @Test
  void clusterScopedStatusWithoutAFleetIsThisNodeAloneAndItsSums() throws Exception {
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      JsonObject status = client.get("/status.json?scope=cluster").json();
      assertThat(status.getString("scope")).isEqualTo("cluster");
      assertThat(status.getJsonArray("nodes")).hasSize(1);
      assertThat(status.getJsonObject("sum").getLong("requests")).isEqualTo(120);
    });
  }

  @Test
  void clusterScopedStatusSumsEveryNodesFigures() throws Exception {
    JsonObject one = await().atMost(Duration.ofSeconds(5)).until(() -> client.get("/status.json").json(),
        s -> s.getLong("requests") == 120);
    JsonArray nodes = new JsonArray()
        .add(new JsonObject().put("id", "n1").put("address", "10.0.0.1:5801").put("status", one))
        .add(new JsonObject().put("id", "n2").put("address", "10.0.0.2:5801").put("status", one.copy()))
        .add(new JsonObject().put("id", "n3").put("reachable", false).put("error", "timeout"));
    vertx.eventBus().localConsumer(Addresses.FLEET_STATUS, m -> m.reply(nodes)).completion().await(5, TimeUnit.SECONDS);

    JsonObject status = client.get("/status.json?scope=cluster").json();

    JsonObject sum = status.getJsonObject("sum");
    assertThat(sum.getLong("requests")).isEqualTo(240);
    assertThat(sum.getJsonObject("connections").getLong("waiting")).isEqualTo(4);
    assertThat(sum.getInteger("nodes")).isEqualTo(3);
    assertThat(sum.getInteger("reachable")).isEqualTo(2);
    assertThat(status.getJsonArray("nodes")).isEqualTo(nodes);
  }

  @Test
  void anUnknownScopeIsRefusedNamingTheParameter() throws Exception {
    AdminClient.Response response = client.get("/status.json?scope=galaxy");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("scope");
  }

  @Test
  void aFleetChangeAnswersWithWhatEveryOtherNodeDid() throws Exception {
    ConfigSnapshot applied = ConfigStandIn.snapshot(4, TOKEN);
    nextAnswer = ConfigChangeResult.newVersion(applied).withNodes(List.of(
        new NodeReport("n2", "10.0.0.2:5801", NodeReport.APPLIED, List.of()),
        new NodeReport("n3", "10.0.0.3:5801", NodeReport.UNREACHABLE,
            List.of(new ConfigError("", "timeout", "10.0.0.3:5801")))));

    AdminClient.Response response = client.send(HttpMethod.PATCH, "/config", AUTH_JSON, "{\"instances\": 2}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getLong("version")).isEqualTo(4);
    JsonArray nodes = response.json().getJsonArray("nodes");
    assertThat(nodes.getJsonObject(0)).isEqualTo(new JsonObject().put("id", "n2").put("address", "10.0.0.2:5801")
        .put("outcome", "applied").put("errors", new JsonArray()));
    assertThat(nodes.getJsonObject(1).getString("outcome")).isEqualTo("unreachable");
  }

  @Test
  void aChangeAnotherNodeRefusedIs400NamingThatNode() throws Exception {
    nextAnswer = ConfigChangeResult.refused(ConfigStandIn.snapshot(3, TOKEN), List.of(
        new ConfigError("listeners.tls.cert", "no such file", "10.0.0.2:5801")));

    AdminClient.Response response = client.send(HttpMethod.PATCH, "/config", AUTH_JSON, "{\"instances\": 2}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().getJsonArray("errors").getJsonObject(0)).isEqualTo(new JsonObject()
        .put("path", "listeners.tls.cert").put("message", "no such file").put("node", "10.0.0.2:5801"));
  }

  @Test
  void aFleetThatCannotTakeAChangeIs503() throws Exception {
    nextAnswer = ConfigChangeResult.unavailable(ConfigStandIn.snapshot(3, TOKEN), "the fleet's config lock was not free");

    assertThat(client.send(HttpMethod.PATCH, "/config", AUTH_JSON, "{\"instances\": 2}").status()).isEqualTo(503);
  }
}

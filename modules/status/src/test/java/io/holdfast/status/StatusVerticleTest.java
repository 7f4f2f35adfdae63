package io.holdfast.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.StatusQuery;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusVerticleTest {

  private Vertx vertx;
  private FakeInstance a;
  private FakeInstance b;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), InstanceStats.class);
    LocalCodec.register(vertx.eventBus(), InstanceAnnouncement.class);
    LocalCodec.register(vertx.eventBus(), ListenerBinding.class);
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    a = new FakeInstance(vertx, Samples.instanceA()).start();
    b = new FakeInstance(vertx, Samples.instanceB()).start();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void instancesRunningBeforeStatusStartsAreCollectedAndSummed() throws Exception {
    deployStatus();

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(query(StatusQuery.STUB_STATUS)).startsWith("Active connections: 9 \n"));
    assertThat(query(StatusQuery.STUB_STATUS)).contains(" 22 21 170 \n");
  }

  @Test
  void statusJsonSumsInstancesAndNamesTheRunningConfig() throws Exception {
    deployStatus();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(new JsonObject(query(StatusQuery.STATUS_JSON)).getInteger("instances")).isEqualTo(2));

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, Samples.snapshot(2, 8080, "other"));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
        new JsonObject(query(StatusQuery.STATUS_JSON)).getJsonObject("config").getLong("version")).isEqualTo(2));
    JsonObject json = new JsonObject(query(StatusQuery.STATUS_JSON));
    assertThat(json.getLong("requests")).isEqualTo(170);
    assertThat(json.getJsonObject("runtime").getString("transport")).isEqualTo("epoll");
  }

  @Test
  void anInstanceThatVanishesIsDroppedFromTheTotals() throws Exception {
    deployStatus();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(query(StatusQuery.STUB_STATUS)).startsWith("Active connections: 9 \n"));

    b.vanish();

    assertThat(query(StatusQuery.STUB_STATUS)).startsWith("Active connections: 7 \n").contains(" 15 14 120 \n");
    assertThat(new JsonObject(query(StatusQuery.STATUS_JSON)).getInteger("instances")).isEqualTo(1);
  }

  @Test
  void anInstanceThatStopsLeavesTheSetAndHealth() throws Exception {
    deployStatus();
    a.bound(1, true);
    b.bound(1, true);
    await().atMost(Duration.ofSeconds(5)).until(() -> health() == null);

    b.stop();

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(query(StatusQuery.STUB_STATUS)).startsWith("Active connections: 7 \n"));
    assertThat(health()).isNull();
  }

  @Test
  void unhealthyUntilEveryInstanceHasBoundTheRunningVersion() throws Exception {
    deployStatus();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(health()).contains("not bound"));

    a.bound(1, true);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(health()).contains("instance b"));

    b.bound(1, false);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(health()).contains("could not bind every listener"));

    b.bound(1, true);
    await().atMost(Duration.ofSeconds(5)).until(() -> health() == null);
    assertThat(vertx.eventBus().<String>request(Addresses.STATUS_QUERY, StatusQuery.HEALTH)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body()).isEqualTo("ok");
  }

  @Test
  void aListenerChangeIsUnhealthyUntilRebound() throws Exception {
    deployStatus();
    a.bound(1, true);
    b.bound(1, true);
    await().atMost(Duration.ofSeconds(5)).until(() -> health() == null);

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, Samples.snapshot(2, 8081));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(health()).contains("has not applied config version 2"));

    a.bound(2, true);
    b.bound(2, true);
    await().atMost(Duration.ofSeconds(5)).until(() -> health() == null);
  }

  @Test
  void aChangeThatLeavesListenersAloneKeepsHealth() throws Exception {
    deployStatus();
    a.bound(1, true);
    b.bound(1, true);
    await().atMost(Duration.ofSeconds(5)).until(() -> health() == null);

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, Samples.snapshot(2, 8080));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
        new JsonObject(query(StatusQuery.STATUS_JSON)).getJsonObject("config").getLong("version")).isEqualTo(2));
    assertThat(health()).isNull();
  }

  @Test
  void unhealthyWithoutAnyInstance() throws Exception {
    a.stop();
    b.stop();
    deployStatus();
    assertThat(health()).isEqualTo("no listener instance is running");
  }

  @Test
  void metricsScrapeCarriesHoldfastMeters() throws Exception {
    deployStatus();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(query(StatusQuery.METRICS))
        .contains("holdfast_client_requests_total{listener=\"main\"} 150.0"));
  }

  @Test
  void statusJsonAndMetricsCarryTheHealthOwnersReport() throws Exception {
    LocalCodec.register(vertx.eventBus(), HealthReport.class);
    vertx.eventBus().consumer(Addresses.HEALTH_CURRENT, m -> m.reply(Samples.health()))
        .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    deployStatus();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(new JsonObject(query(StatusQuery.STATUS_JSON))
        .getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers").getJsonObject("127.0.0.1:8000")
        .getJsonObject("health").getString("state")).isEqualTo("down"));
    assertThat(query(StatusQuery.METRICS))
        .contains("holdfast_upstream_server_up{server=\"127.0.0.1:8000\",upstream=\"app\"} 0.0");
  }

  private void deployStatus() throws Exception {
    vertx.deployVerticle(new StatusVerticle(Samples.RUNTIME, Samples.snapshot(1, 8080), Duration.ofMillis(500)))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private String query(StatusQuery query) throws Exception {
    Message<String> reply = vertx.eventBus().<String>request(Addresses.STATUS_QUERY, query)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return reply.body();
  }

  /** Null when healthy, else the 503 reason. */
  private String health() throws Exception {
    Throwable failure = catchThrowable(() -> query(StatusQuery.HEALTH));
    if (failure == null) {
      return null;
    }
    assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ReplyException.class);
    ReplyException reply = (ReplyException) failure.getCause();
    assertThat(reply.failureCode()).isEqualTo(503);
    return reply.getMessage();
  }
}

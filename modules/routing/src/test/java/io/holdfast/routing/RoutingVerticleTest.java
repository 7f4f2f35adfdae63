package io.holdfast.routing;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingVerticleTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  @Test
  void answersCurrentRoutesCompiledFromTheInitialSnapshot() throws Exception {
    vertx.deployVerticle(new RoutingVerticle(snapshot(1, "/a"))).await();

    RouteTables tables = vertx.eventBus().<RouteTables>request(Addresses.ROUTES_CURRENT, null)
        .map(Message::body).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(tables.configVersion()).isEqualTo(1);
    assertThat(tables.forListener("main").match("/a/b").upstream()).isEqualTo("app");
  }

  @Test
  void publishesRecompiledRoutesWhenAConfigIsApplied() throws Exception {
    vertx.deployVerticle(new RoutingVerticle(snapshot(1, "/a"))).await();
    CompletableFuture<RouteTables> published = new CompletableFuture<>();
    vertx.eventBus().<RouteTables>consumer(Addresses.ROUTES_APPLIED, m -> published.complete(m.body()))
        .completion().await();

    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, snapshot(2, "/b"));

    RouteTables tables = published.get(5, TimeUnit.SECONDS);
    assertThat(tables.configVersion()).isEqualTo(2);
    assertThat(tables.forListener("main").match("/a")).isNull();
    assertThat(tables.forListener("main").match("/b/c").upstream()).isEqualTo("app");
  }

  private static ConfigSnapshot snapshot(long version, String prefix) {
    return TestConfig.create().upstream("app", 8000).listener("main", 8080).route("main", prefix, "app")
        .snapshot(version);
  }
}

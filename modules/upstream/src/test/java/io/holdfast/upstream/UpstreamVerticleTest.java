package io.holdfast.upstream;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamVerticleTest {

  private Vertx vertx;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    vertx.deployVerticle(new UpstreamVerticle(snapshot(1, 8000)))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void answersCurrentPlanAndPublishesEachAppliedConfig() throws Exception {
    UpstreamPlan initial = current();
    assertThat(initial.configVersion()).isEqualTo(1);
    assertThat(initial.upstreams().get("app").servers().get(0).port()).isEqualTo(8000);

    Promise<UpstreamPlan> published = Promise.promise();
    vertx.eventBus().<UpstreamPlan>consumer(Addresses.UPSTREAMS_APPLIED, m -> published.tryComplete(m.body()))
        .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, snapshot(2, 9000));
    UpstreamPlan next = published.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(next.configVersion()).isEqualTo(2);
    assertThat(next.upstreams().get("app").servers().get(0).port()).isEqualTo(9000);
    assertThat(current()).isSameAs(next);
  }

  private UpstreamPlan current() throws Exception {
    return vertx.eventBus().<UpstreamPlan>request(Addresses.UPSTREAMS_CURRENT, null)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
  }

  private static ConfigSnapshot snapshot(long version, int port) {
    return TestConfig.proxying(port).snapshot(version);
  }
}

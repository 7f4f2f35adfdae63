package io.holdfast.upstream;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.PassiveMark;
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

  @Test
  void mergesAPassiveMarkSentByAnInstanceAndPublishesItForAll() throws Exception {
    LocalCodec.register(vertx.eventBus(), PassiveMark.class);
    Promise<HealthReport> changed = Promise.promise();
    vertx.eventBus().<HealthReport>consumer(Addresses.HEALTH_CHANGED, m -> changed.tryComplete(m.body()))
        .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Promise<UpstreamPlan> planned = Promise.promise();
    vertx.eventBus().<UpstreamPlan>consumer(Addresses.UPSTREAMS_APPLIED, m -> planned.tryComplete(m.body()));
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, TestConfig.proxying(8000, 8001).snapshot(2));
    planned.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    vertx.eventBus().send(Addresses.HEALTH_PASSIVE, new PassiveMark("app", "127.0.0.1:8001", true, System.nanoTime()));
    HealthReport report = changed.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(report.servers()).filteredOn(s -> !s.up()).singleElement()
        .satisfies(s -> assertThat(s.server()).isEqualTo("127.0.0.1:8001"));
    HealthReport current = vertx.eventBus().<HealthReport>request(Addresses.HEALTH_CURRENT, null)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
    assertThat(current.sequence()).isGreaterThan(report.sequence());
    assertThat(current.servers()).hasSize(2);
  }

  @Test
  void anUpstreamThatTurnsVerificationOffIsWarnedAboutOnce() throws Exception {
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(UpstreamVerticle.class.getName());
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        if (record.getLevel() == java.util.logging.Level.WARNING) {
          warnings.add(record.getMessage());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    log.addHandler(handler);
    try {
      Promise<UpstreamPlan> published = Promise.promise();
      vertx.eventBus().<UpstreamPlan>consumer(Addresses.UPSTREAMS_APPLIED, m -> {
        if (m.body().configVersion() == 4) {
          published.tryComplete(m.body());
        }
      }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      for (long version = 2; version <= 4; version++) {
        vertx.eventBus().publish(Addresses.CONFIG_APPLIED, TestConfig.proxying(8000 + (int) version)
            .set("upstreams.app.tls", new io.vertx.core.json.JsonObject().put("enabled", true).put("verify", false))
            .snapshot(version));
      }
      published.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(warnings).singleElement().asString()
          .startsWith("upstreams.app.tls.verify is false: the certificates of its servers are not checked");
    } finally {
      log.removeHandler(handler);
    }
  }

  private UpstreamPlan current() throws Exception {
    return vertx.eventBus().<UpstreamPlan>request(Addresses.UPSTREAMS_CURRENT, null)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
  }

  private static ConfigSnapshot snapshot(long version, int port) {
    return TestConfig.proxying(port).snapshot(version);
  }
}

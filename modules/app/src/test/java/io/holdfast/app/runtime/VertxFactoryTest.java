package io.holdfast.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.Transport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import org.junit.jupiter.api.Test;

class VertxFactoryTest {

  @Test
  void vertxHasAPrometheusRegistryForTheStatusModule() {
    Vertx vertx = VertxFactory.create(Configs.of(1, 100, 1, 1), TransportChoice.select(Transport.NIO));
    try {
      assertThat(vertx.isMetricsEnabled()).isTrue();
      assertThat(BackendRegistries.getDefaultNow()).isInstanceOf(PrometheusMeterRegistry.class);
      assertThat(((PrometheusMeterRegistry) BackendRegistries.getDefaultNow()).scrape()).contains("jvm_");
      assertThat(vertx.isNativeTransportEnabled()).isFalse();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void vertxMetricsCanBeLeftOut() {
    Vertx vertx = VertxFactory.create(Configs.of(1, 100, 1, 1), TransportChoice.select(Transport.NIO), false);
    try {
      assertThat(vertx.isMetricsEnabled()).isFalse();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void nativeTransportRunsWhenChosen() {
    TransportChoice choice = TransportChoice.select(Transport.AUTO);
    Vertx vertx = VertxFactory.create(Configs.of(1, 100, 1, 1), choice);
    try {
      assertThat(vertx.isNativeTransportEnabled()).isEqualTo(!"nio".equals(choice.name()));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void everyInstanceGetsAnEventLoop() {
    int cores = Runtime.getRuntime().availableProcessors();

    assertThat(VertxFactory.eventLoops(1)).isEqualTo(cores);
    assertThat(VertxFactory.eventLoops(cores + 3)).isEqualTo(cores + 3);
  }
}

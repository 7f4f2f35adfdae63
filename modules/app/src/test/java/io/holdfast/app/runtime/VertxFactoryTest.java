package io.holdfast.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.Transport;
import io.holdfast.testkit.LogCapture;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import org.junit.jupiter.api.Test;
import java.util.List;

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
  void noMeterIsRegisteredTwiceWhileConsumersComeAndMessagesFlow() {
    // Micrometer warns once per JVM, then logs the same at debug (FINE): capture both.
    LogCapture micrometer = LogCapture.everyLevel("io.micrometer.core.instrument.MeterRegistry");
    Vertx vertx = VertxFactory.create(Configs.of(1, 100, 1, 1), TransportChoice.select(Transport.NIO));
    try {
      for (String address : List.of("a", "b", "b", "c")) {
        vertx.eventBus().consumer(address, message -> message.reply("ok")).completion().await();
      }
      for (String address : List.of("a", "b", "c", "a")) {
        vertx.eventBus().request(address, "ping").await();
      }

      assertThat(micrometer.messages()).noneMatch(message -> String.valueOf(message).contains("already registered"));
      assertThat(((PrometheusMeterRegistry) BackendRegistries.getDefaultNow()).scrape()).contains("vertx_pool_");
    } finally {
      vertx.close().await();
      micrometer.close();
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

package io.holdfast.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.Transport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

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
    Logger micrometer = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");
    List<String> registeredTwice = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (String.valueOf(record.getMessage()).contains("already registered")) {
          registeredTwice.add(record.getMessage());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Level level = micrometer.getLevel();
    // Micrometer warns once per JVM, then logs the same at debug (FINE): capture both.
    micrometer.setLevel(Level.ALL);
    micrometer.addHandler(capture);
    Vertx vertx = VertxFactory.create(Configs.of(1, 100, 1, 1), TransportChoice.select(Transport.NIO));
    try {
      for (String address : List.of("a", "b", "b", "c")) {
        vertx.eventBus().consumer(address, message -> message.reply("ok")).completion().await();
      }
      for (String address : List.of("a", "b", "c", "a")) {
        vertx.eventBus().request(address, "ping").await();
      }

      assertThat(registeredTwice).isEmpty();
      assertThat(((PrometheusMeterRegistry) BackendRegistries.getDefaultNow()).scrape()).contains("vertx_pool_");
    } finally {
      vertx.close().await();
      micrometer.removeHandler(capture);
      micrometer.setLevel(level);
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

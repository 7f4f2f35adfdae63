package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigChange;
import io.holdfast.config.ConfigChangeResult;
import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Answers the config verticle's two addresses over the real bus protocol with preset snapshots, so the
 * admin layer's own rules (auth, redaction, HTTP mapping) are tested apart from config validation.
 */
final class ConfigStandIn {

  final List<ConfigChange> changes = new CopyOnWriteArrayList<>();
  private volatile ConfigSnapshot running;
  private volatile List<ConfigError> refuseWith = List.of();
  private final MessageConsumer<Object> current;
  private final MessageConsumer<ConfigChange> change;

  ConfigStandIn(Vertx vertx, String token) throws Exception {
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
    LocalCodec.register(vertx.eventBus(), ConfigChange.class);
    LocalCodec.register(vertx.eventBus(), ConfigChangeResult.class);
    running = snapshot(1, token);
    current = vertx.eventBus().consumer(Addresses.CONFIG_CURRENT, m -> m.reply(running));
    change = vertx.eventBus().consumer(Addresses.CONFIG_CHANGE, m -> {
      changes.add(m.body());
      if (refuseWith.isEmpty()) {
        running = snapshot(running.version() + 1, running.config().admin().token());
        m.reply(new ConfigChangeResult(running, List.of()));
      } else {
        m.reply(new ConfigChangeResult(running, refuseWith));
      }
    });
    current.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    change.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  void token(String token) {
    running = snapshot(running.version() + 1, token);
  }

  void refuseWith(ConfigError... errors) {
    refuseWith = List.of(errors);
  }

  static ConfigSnapshot snapshot(long version, String token) {
    return TestConfig.proxying(8000).set("admin.token", token)
        .snapshot(version, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version), "api");
  }
}

package io.holdfast.admin;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.bus.ServerStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.status.StatusVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real status verticle, fed by one stand-in listener instance speaking the bus protocol. */
final class StatusStandIns {

  static final RuntimeInfo RUNTIME = new RuntimeInfo("test", "nio", null, Instant.now());
  static final String INSTANCE = "instance-1";

  private StatusStandIns() {
  }

  /** Counters of a listener with 3 connections (1 writing, 2 waiting), 17 accepted, 120 requests. */
  static InstanceStats stats() {
    return new InstanceStats(INSTANCE,
        List.of(new ListenerStats("main", 17, 17, 120, 3, 0, 1, 2, Map.of("idle-timeout", 5L))),
        List.of(new ServerStats("app", "127.0.0.1:8000", 1, 0, 2, 1, 1, 0, 4, 2, 120, 116, 0, 0,
            120_000_000L, 3_000_000L)));
  }

  static void deploy(Vertx vertx, ConfigSnapshot initial) throws Exception {
    LocalCodec.register(vertx.eventBus(), InstanceStats.class);
    LocalCodec.register(vertx.eventBus(), InstanceAnnouncement.class);
    LocalCodec.register(vertx.eventBus(), ListenerBinding.class);
    InstanceStats stats = stats();
    MessageConsumer<Object> consumer =
        vertx.eventBus().consumer(Addresses.instanceStats(INSTANCE), m -> m.reply(stats));
    consumer.completion().toCompletionStage().toCompletableFuture()
        .get(AdminClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    vertx.deployVerticle(new StatusVerticle(RUNTIME, initial)).toCompletionStage().toCompletableFuture()
        .get(AdminClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    vertx.eventBus().publish(Addresses.INSTANCE_UP, new InstanceAnnouncement(INSTANCE));
  }

  static void bound(Vertx vertx, long version) {
    vertx.eventBus().publish(Addresses.LISTENER_BINDING, new ListenerBinding(INSTANCE, version, true));
  }
}

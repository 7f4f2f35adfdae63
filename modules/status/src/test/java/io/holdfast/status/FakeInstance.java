package io.holdfast.status;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for a listener instance on the event bus: it speaks the real protocol (announces itself,
 * answers its stats address, publishes its binding) without serving any port.
 */
final class FakeInstance {

  private final Vertx vertx;
  private final InstanceStats stats;
  private MessageConsumer<InstanceStats> statsConsumer;
  private MessageConsumer<Object> announceConsumer;

  FakeInstance(Vertx vertx, InstanceStats stats) {
    this.vertx = vertx;
    this.stats = stats;
  }

  String id() {
    return stats.instanceId();
  }

  FakeInstance start() throws Exception {
    statsConsumer = vertx.eventBus().consumer(Addresses.instanceStats(id()), m -> m.reply(stats));
    announceConsumer = vertx.eventBus().consumer(Addresses.INSTANCE_ANNOUNCE, m -> announce());
    await(Future.all(statsConsumer.completion(), announceConsumer.completion()));
    announce();
    return this;
  }

  void announce() {
    vertx.eventBus().publish(Addresses.INSTANCE_UP, new InstanceAnnouncement(id()));
  }

  void bound(long version, boolean allBound) {
    vertx.eventBus().publish(Addresses.LISTENER_BINDING, new ListenerBinding(id(), version, allBound));
  }

  /** Disappears without saying goodbye, as a crashed or wedged instance would. */
  void vanish() throws Exception {
    await(Future.all(statsConsumer.unregister(), announceConsumer.unregister()));
  }

  void stop() throws Exception {
    vanish();
    vertx.eventBus().publish(Addresses.INSTANCE_DOWN, new InstanceAnnouncement(id()));
  }

  private static void await(Future<?> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}

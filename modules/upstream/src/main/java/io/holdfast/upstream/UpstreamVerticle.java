package io.holdfast.upstream;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

/**
 * Compiles an {@link UpstreamPlan} for each applied config and publishes it; listener instances build
 * their own pools from it on their own event loops. Answers {@link Addresses#UPSTREAMS_CURRENT} with the
 * latest plan for instances that start later.
 */
public final class UpstreamVerticle extends VerticleBase {

  private UpstreamPlan current;

  public UpstreamVerticle(ConfigSnapshot initial) {
    this.current = UpstreamPlan.compile(initial);
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    LocalCodec.register(bus, UpstreamPlan.class);
    Future<Void> applied = bus.<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, message -> {
      ConfigSnapshot snapshot = message.body();
      if (snapshot.version() < current.configVersion()) {
        return;
      }
      current = UpstreamPlan.compile(snapshot);
      bus.publish(Addresses.UPSTREAMS_APPLIED, current, LocalDelivery.options());
    }).completion();
    Future<Void> queried = bus.localConsumer(Addresses.UPSTREAMS_CURRENT, message -> message.reply(current))
        .completion();
    return Future.all(applied, queried);
  }
}

package io.holdfast.routing;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compiles every applied config into {@link RouteTables} and publishes them on
 * {@link Addresses#ROUTES_APPLIED}; answers {@link Addresses#ROUTES_CURRENT} with the latest.
 */
public final class RoutingVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(RoutingVerticle.class.getName());

  private final ConfigSnapshot initial;
  private RouteTables current;

  public RoutingVerticle(ConfigSnapshot initial) {
    this.initial = initial;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    LocalCodec.register(bus, RouteTables.class);
    current = RouteTables.compile(initial);
    Future<Void> applied = bus.<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, msg -> apply(msg.body()))
        .completion();
    Future<Void> answering = bus.localConsumer(Addresses.ROUTES_CURRENT, msg -> msg.reply(current)).completion();
    return Future.all(applied, answering);
  }

  private void apply(ConfigSnapshot snapshot) {
    if (snapshot.version() < current.configVersion()) {
      // A late duplicate must not roll the routes back.
      return;
    }
    current = RouteTables.compile(snapshot);
    LOG.log(Level.FINE, "routes for config version {0}: {1}", new Object[] {current.configVersion(), current});
    vertx.eventBus().publish(Addresses.ROUTES_APPLIED, current, LocalDelivery.options());
  }

  /** The tables last compiled (for tests and diagnostics). */
  public RouteTables current() {
    return current;
  }
}

package io.holdfast.accesslog;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.config.ConfigSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

/**
 * Keeps the {@link AccessLogWriter} in step with the process: the running config's {@code accessLog}
 * (turned on, off, a new path or format), reopen requests ({@link Addresses#ACCESS_LOG_REOPEN}: SIGUSR1)
 * and the counts for the status page ({@link Addresses#ACCESS_LOG_STATS}). Deployed before the listener
 * instances and stopped after them, so the lines of the last requests are written before the file closes.
 */
public final class AccessLogVerticle extends VerticleBase {

  private final AccessLogWriter writer;
  private final ConfigSnapshot initial;
  private long version;

  public AccessLogVerticle(AccessLogWriter writer, ConfigSnapshot initial) {
    this.writer = writer;
    this.initial = initial;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    LocalCodec.register(bus, ConfigSnapshot.class);
    LocalCodec.register(bus, AccessLogStats.class);
    apply(initial);
    return Future.all(
        // Local consumers: in a fleet, nothing of this vocabulary is advertised to the cluster.
        bus.<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, m -> apply(m.body())).completion(),
        bus.localConsumer(Addresses.ACCESS_LOG_REOPEN, m -> writer.reopen()).completion(),
        bus.localConsumer(Addresses.ACCESS_LOG_STATS, m -> m.reply(writer.stats(), LocalDelivery.options())).completion());
  }

  @Override
  public Future<?> stop() {
    // Joining the writer thread blocks: not on an event loop.
    return vertx.executeBlocking(() -> {
      writer.close();
      return null;
    });
  }

  private void apply(ConfigSnapshot snapshot) {
    if (snapshot.version() >= version) {
      version = snapshot.version();
      writer.configure(snapshot.config().accessLog());
    }
  }
}

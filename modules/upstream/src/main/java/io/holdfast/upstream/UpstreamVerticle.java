package io.holdfast.upstream;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.UpstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

import java.util.Map;
import java.util.logging.Logger;

/**
 * Compiles an {@link UpstreamPlan} for each applied config and publishes it; listener instances build
 * their own pools from it on their own event loops. Answers {@link Addresses#UPSTREAMS_CURRENT} with the
 * latest plan for instances that start later.
 */
public final class UpstreamVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(UpstreamVerticle.class.getName());

  private UpstreamPlan current;

  public UpstreamVerticle(ConfigSnapshot initial) {
    this.current = UpstreamPlan.compile(initial);
    warnInsecure(Map.of(), current.upstreams());
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
      UpstreamPlan previous = current;
      current = UpstreamPlan.compile(snapshot);
      warnInsecure(previous.upstreams(), current.upstreams());
      bus.publish(Addresses.UPSTREAMS_APPLIED, current, LocalDelivery.options());
    }).completion();
    Future<Void> queried = bus.localConsumer(Addresses.UPSTREAMS_CURRENT, message -> message.reply(current))
        .completion();
    return Future.all(applied, queried);
  }

  /**
   * Once per upstream that turns {@code tls.verify} off (at start, or in the reload that does it): any
   * certificate is accepted, so anyone on the path can read and change the traffic.
   */
  private static void warnInsecure(Map<String, UpstreamConfig> before, Map<String, UpstreamConfig> after) {
    after.forEach((name, upstream) -> {
      UpstreamConfig old = before.get(name);
      if (insecure(upstream) && (old == null || !insecure(old))) {
        LOG.warning(() -> "upstreams." + name + ".tls.verify is false: the certificates of its servers are not "
            + "checked (insecure: any man in the middle is accepted)");
      }
    });
  }

  private static boolean insecure(UpstreamConfig upstream) {
    return upstream.tls().enabled() && !upstream.tls().verify();
  }
}

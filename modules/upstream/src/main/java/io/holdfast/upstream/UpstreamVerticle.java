package io.holdfast.upstream;

import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.upstream.health.HealthOwner;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

import java.util.Map;
import java.util.logging.Logger;

/**
 * Compiles an {@link UpstreamPlan} for each applied config and publishes it; listener instances build
 * their own pools from it on their own event loops. Answers {@link Addresses#UPSTREAMS_CURRENT} with the
 * latest plan for instances that start later. Owns server health ({@link HealthOwner}, on this verticle's
 * context): runs the active probes, merges the passive marks instances send to
 * {@link Addresses#HEALTH_PASSIVE}, publishes each change on {@link Addresses#HEALTH_CHANGED} and answers
 * {@link Addresses#HEALTH_CURRENT}.
 */
public final class UpstreamVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(UpstreamVerticle.class.getName());

  private UpstreamPlan current;
  private ConfigSnapshot snapshot;
  private HealthOwner health;

  public UpstreamVerticle(ConfigSnapshot initial) {
    this.current = UpstreamPlan.compile(initial);
    this.snapshot = initial;
    warnInsecure(Map.of(), current.upstreams());
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    for (Class<?> type : new Class<?>[] {UpstreamPlan.class, HealthReport.class, PassiveMark.class}) {
      LocalCodec.register(bus, type);
    }
    health = new HealthOwner(vertx, report -> bus.publish(Addresses.HEALTH_CHANGED, report, LocalDelivery.options()));
    health.apply(snapshot.config());
    Future<Void> applied = bus.<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, message -> {
      ConfigSnapshot next = message.body();
      if (next.version() < current.configVersion()) {
        return;
      }
      snapshot = next;
      UpstreamPlan previous = current;
      current = UpstreamPlan.compile(next);
      warnInsecure(previous.upstreams(), current.upstreams());
      health.apply(next.config());
      bus.publish(Addresses.UPSTREAMS_APPLIED, current, LocalDelivery.options());
    }).completion();
    Future<Void> queried = bus.localConsumer(Addresses.UPSTREAMS_CURRENT, message -> message.reply(current))
        .completion();
    Future<Void> marks = bus.<PassiveMark>localConsumer(Addresses.HEALTH_PASSIVE, message -> health.passive(message.body()))
        .completion();
    Future<Void> reports = bus.localConsumer(Addresses.HEALTH_CURRENT, message -> message.reply(health.report()))
        .completion();
    return Future.all(applied, queried, marks, reports);
  }

  @Override
  public Future<?> stop() {
    return health.close();
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

package io.holdfast.listener;

import io.holdfast.accesslog.AccessLog;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.LocalDelivery;
import io.holdfast.bus.HealthReport;
import io.holdfast.bus.InstanceAnnouncement;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerBinding;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.plane.DataPlane;
import io.holdfast.proxy.Forwarder;
import io.holdfast.routing.RouteTables;
import io.holdfast.upstream.UpstreamPlan;
import io.holdfast.upstream.UpstreamPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One listener instance: binds every listener port (shared with the other instances), serves requests
 * on its own event loop, follows config changes, answers stats. Deployed {@code instances} times.
 */
public final class ListenerVerticle extends VerticleBase {

  private final ConfigSnapshot initial;
  private final Supplier<Forwarder> forwarders;
  private final BiFunction<Vertx, UpstreamPlan, Future<UpstreamPools>> poolFactory;
  private final Supplier<AccessLog> accessLogs;
  private final String instanceId = UUID.randomUUID().toString();
  private AccessLog accessLog = AccessLog.OFF;
  private ConfigSnapshot snapshot;
  private DataPlane plane;
  private ListenerSet listeners;
  private volatile long servingVersion;

  public ListenerVerticle(ConfigSnapshot initial) {
    this(initial, () -> AccessLog.OFF);
  }

  /**
   * {@code accessLogs} gives the instance its own queue to the access log writer when it starts (one per
   * event loop; it is closed when the instance stops).
   */
  public ListenerVerticle(ConfigSnapshot initial, Supplier<AccessLog> accessLogs) {
    this(initial, Forwarder::create, UpstreamPools::start, accessLogs);
  }

  /** With another forwarder or pools: for tests that exercise the listener without real upstreams. */
  ListenerVerticle(ConfigSnapshot initial, Supplier<Forwarder> forwarders,
                   BiFunction<Vertx, UpstreamPlan, Future<UpstreamPools>> poolFactory) {
    this(initial, forwarders, poolFactory, () -> AccessLog.OFF);
  }

  ListenerVerticle(ConfigSnapshot initial, Supplier<Forwarder> forwarders,
                   BiFunction<Vertx, UpstreamPlan, Future<UpstreamPools>> poolFactory, Supplier<AccessLog> accessLogs) {
    this.initial = initial;
    this.forwarders = forwarders;
    this.poolFactory = poolFactory;
    this.accessLogs = accessLogs;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    for (Class<?> type : new Class<?>[] {InstanceAnnouncement.class, InstanceStats.class, ListenerBinding.class,
        RouteTables.class, UpstreamPlan.class, HealthReport.class, PassiveMark.class}) {
      LocalCodec.register(bus, type);
    }
    snapshot = initial;
    servingVersion = initial.version();
    // Compiled here rather than awaited from the other verticles, so start-up has no race. The pools come
    // warm (keepalive.warm) before any port is bound, so the first requests pay no connect; a warm-up
    // failure only logs.
    return poolFactory.apply(vertx, UpstreamPlan.compile(initial)).compose(this::serve);
  }

  private Future<?> serve(UpstreamPools pools) {
    EventBus bus = vertx.eventBus();
    plane = DataPlane.start(RouteTables.compile(initial), pools)
        .onSwitch(switched -> servingVersion = switched.configVersion());
    accessLog = accessLogs.get();
    listeners = new ListenerSet(vertx, plane, forwarders.get(), accessLog);
    return listeners.bindAll(initial.config().listeners().values())
        .compose(bound -> Future.all(
            bus.<RouteTables>localConsumer(Addresses.ROUTES_APPLIED, m -> plane.offer(m.body())).completion(),
            bus.<UpstreamPlan>localConsumer(Addresses.UPSTREAMS_APPLIED, m -> plane.offer(m.body())).completion(),
            bus.<HealthReport>localConsumer(Addresses.HEALTH_CHANGED, m -> plane.offer(m.body())).completion(),
            bus.<ConfigSnapshot>localConsumer(Addresses.CONFIG_APPLIED, m -> apply(m.body())).completion(),
            bus.localConsumer(Addresses.INSTANCE_ANNOUNCE, m -> announce()).completion(),
            bus.localConsumer(Addresses.instanceStats(instanceId), m -> m.reply(stats())).completion()))
        .onSuccess(ready -> {
          announce();
          bus.publish(Addresses.LISTENER_BINDING, new ListenerBinding(instanceId, snapshot.version(), true),
              LocalDelivery.options());
          catchUp();
        })
        .recover(failure -> listeners.shutdown(Duration.ZERO)
            .eventually(() -> plane.close())
            .transform(cleaned -> Future.failedFuture(failure)));
  }

  /**
   * A config applied (or a server's health changed) while this instance was warming its pools or binding came
   * before its consumers: ask for the latest (older or equal versions are ignored). Without those verticles
   * (tests) nothing answers.
   */
  private void catchUp() {
    EventBus bus = vertx.eventBus();
    bus.<RouteTables>request(Addresses.ROUTES_CURRENT, null, LocalDelivery.options()).onSuccess(m -> plane.offer(m.body()));
    bus.<UpstreamPlan>request(Addresses.UPSTREAMS_CURRENT, null, LocalDelivery.options()).onSuccess(m -> plane.offer(m.body()));
    bus.<HealthReport>request(Addresses.HEALTH_CURRENT, null, LocalDelivery.options()).onSuccess(m -> plane.offer(m.body()));
    bus.<ConfigSnapshot>request(Addresses.CONFIG_CURRENT, null, LocalDelivery.options()).onSuccess(m -> apply(m.body()));
  }

  @Override
  public Future<?> stop() {
    vertx.eventBus().publish(Addresses.INSTANCE_DOWN, new InstanceAnnouncement(instanceId), LocalDelivery.options());
    return listeners.shutdown(snapshot.config().shutdownTimeout()).eventually(() -> plane.close())
        .onComplete(stopped -> accessLog.close());
  }

  private void apply(ConfigSnapshot next) {
    if (next.version() <= snapshot.version()) {
      return;
    }
    snapshot = next;
    listeners.apply(next.config().listeners(), next.config().shutdownTimeout()).onSuccess(allBound -> vertx.eventBus()
        .publish(Addresses.LISTENER_BINDING, new ListenerBinding(instanceId, next.version(), allBound),
            LocalDelivery.options()));
  }

  private void announce() {
    vertx.eventBus().publish(Addresses.INSTANCE_UP, new InstanceAnnouncement(instanceId), LocalDelivery.options());
  }

  private InstanceStats stats() {
    return new InstanceStats(instanceId, listeners.stats(), plane.current().pools().stats());
  }

  public String instanceId() {
    return instanceId;
  }

  /** The port {@code listener} is bound to here (the real one when configured as 0), or -1; any thread. */
  public int boundPort(String listener) {
    return listeners.port(listener);
  }

  /** The config version whose routes and pools serve requests now; any thread. */
  public long servingVersion() {
    return servingVersion;
  }
}

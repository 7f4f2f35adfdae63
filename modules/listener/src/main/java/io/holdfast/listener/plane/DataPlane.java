package io.holdfast.listener.plane;

import io.holdfast.bus.HealthReport;
import io.holdfast.routing.RouteTables;
import io.holdfast.upstream.UpstreamPlan;
import io.holdfast.upstream.UpstreamPools;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One listener instance's current {@link Plane} and the switch to the next one. Routes and upstream
 * plans arrive separately; once both are held for the same, newer config version the pools are updated
 * and only then the plane is swapped. Event-loop confined.
 */
public final class DataPlane {

  private static final Logger LOG = Logger.getLogger(DataPlane.class.getName());

  private Plane current;
  private RouteTables nextRoutes;
  private UpstreamPlan nextUpstreams;
  private boolean switching;
  private Handler<Plane> switchHandler = plane -> { };

  private DataPlane(Plane initial) {
    this.current = initial;
  }

  public static DataPlane start(RouteTables routes, UpstreamPools pools) {
    return new DataPlane(new Plane(routes.configVersion(), routes, pools));
  }

  /** Read once per request: the pair it is served with. */
  public Plane current() {
    return current;
  }

  /** Called on the event loop after each switch. */
  public DataPlane onSwitch(Handler<Plane> handler) {
    this.switchHandler = handler;
    return this;
  }

  public void offer(RouteTables routes) {
    if (routes.configVersion() > current.configVersion()
        && (nextRoutes == null || routes.configVersion() >= nextRoutes.configVersion())) {
      nextRoutes = routes;
      trySwitch();
    }
  }

  public void offer(UpstreamPlan plan) {
    if (plan.configVersion() > current.configVersion()
        && (nextUpstreams == null || plan.configVersion() >= nextUpstreams.configVersion())) {
      nextUpstreams = plan;
      trySwitch();
    }
  }

  /**
   * The health owner's latest report, applied to the servers' health on this loop. Every pool generation of
   * the instance shares it, so a generation being switched to sees it too.
   */
  public void offer(HealthReport report) {
    current.pools().applyHealth(report);
  }

  private void trySwitch() {
    if (switching || nextRoutes == null || nextUpstreams == null
        || nextRoutes.configVersion() != nextUpstreams.configVersion()) {
      return;
    }
    RouteTables routes = nextRoutes;
    UpstreamPlan plan = nextUpstreams;
    nextRoutes = null;
    nextUpstreams = null;
    switching = true;
    // The switch must happen in this callback: the pools drain the groups they replaced in the same
    // event-loop turn that completes the future, and until then keep serving this plane with idle connections.
    current.pools().update(plan).onComplete(updated -> {
      switching = false;
      if (updated.succeeded()) {
        current = new Plane(routes.configVersion(), routes, updated.result());
        LOG.fine(() -> "switched to config version " + routes.configVersion());
        switchHandler.handle(current);
      } else {
        LOG.log(Level.SEVERE, "upstream pools for config version " + plan.configVersion()
            + " could not be built; still serving version " + current.configVersion(), updated.cause());
      }
      // A newer version may have arrived while the pools were updating.
      trySwitch();
    });
  }

  public Future<Void> close() {
    return current.pools().close();
  }
}

package io.holdfast.app.lifecycle;

import io.holdfast.accesslog.AccessLogVerticle;
import io.holdfast.accesslog.AccessLogWriter;
import io.holdfast.admin.AdminVerticle;
import io.holdfast.app.origin.OriginVerticle;
import io.holdfast.app.origin.WelcomePage;
import io.holdfast.bus.RuntimeInfo;
import io.holdfast.config.ChangeCoordinator;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.ConfigVerticle;
import io.holdfast.config.HoldfastConfig;
import io.holdfast.fleet.FleetCoordinator;
import io.holdfast.fleet.FleetVerticle;
import io.holdfast.routing.RoutingVerticle;
import io.holdfast.status.StatusVerticle;
import io.holdfast.upstream.UpstreamVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deploys Holdfast's verticles in dependency order, each awaited, and undeploys them for a graceful stop.
 *
 * <p>Order: config (owns the snapshot everyone follows), status (so it hears every instance announce
 * itself), in a fleet the fleet verticle (other nodes' questions and changes), routing and upstream (compile
 * plans for reloads), the access log (its writer takes the instances' lines), the built-in origin (so the
 * first proxied request finds it), the listener instances (they start taking traffic), admin last (so
 * {@code /healthz} never answers before the listeners exist). Stop: listeners first (stop accepting, finish
 * in-flight requests up to {@code shutdownTimeout}, close idle connections), then the rest in reverse, so the
 * origin, the access log and the control plane outlive the last proxied request.
 */
public final class Deployment {

  private static final Logger LOG = Logger.getLogger(Deployment.class.getName());
  private static final String LISTENERS = "listeners";

  /** One verticle (or group of instances) to deploy, named for logs and failures. */
  private record Step(String name, Supplier<Future<String>> deploy) {
  }

  private record Deployed(String name, String id) {
  }

  private final Vertx vertx;
  private final Deque<Deployed> deployed = new ArrayDeque<>();
  private final ListenerInstances listeners;

  private final AccessLogWriter accessLog;

  private Deployment(Vertx vertx, ConfigSnapshot initial) {
    this.vertx = vertx;
    // Its thread starts here; the access log verticle stops it (after the listener instances are gone).
    this.accessLog = AccessLogWriter.start(initial.config().accessLog());
    this.listeners = new ListenerInstances(vertx, accessLog);
  }

  /** Deploys everything for {@code initial}; fails with a {@link StartupException} naming the step. */
  public static Future<Deployment> start(Vertx vertx, Path configFile, ConfigSnapshot initial, RuntimeInfo info) {
    return start(vertx, configFile, initial, info, null);
  }

  /** As {@link #start(Vertx, Path, ConfigSnapshot, RuntimeInfo)}, in a fleet when {@code fleet} is not null. */
  public static Future<Deployment> start(Vertx vertx, Path configFile, ConfigSnapshot initial, RuntimeInfo info,
      FleetWiring fleet) {
    Deployment deployment = new Deployment(vertx, initial);
    BusCodecs.registerAll(vertx.eventBus());
    return deployment.run(steps(vertx, configFile, initial, info, fleet, deployment.listeners, deployment.accessLog))
        .map(deployment)
        // A failed start undeploys nothing it did not deploy: the writer's thread ends here in any case.
        .onFailure(failure -> deployment.accessLog.close());
  }

  private static List<Step> steps(Vertx vertx, Path configFile, ConfigSnapshot initial, RuntimeInfo info,
                                  FleetWiring fleet, ListenerInstances listeners, AccessLogWriter accessLog) {
    HoldfastConfig config = initial.config();
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("config", () -> vertx.deployVerticle(new ConfigVerticle(configFile, initial, fleet == null
        ? ChangeCoordinator.ALONE : new FleetCoordinator(fleet.node(), fleet.members(), fleet.changeId())))));
    steps.add(new Step("status", () -> vertx.deployVerticle(new StatusVerticle(info, initial))));
    if (fleet != null) {
      steps.add(new Step("fleet", () -> vertx.deployVerticle(
          new FleetVerticle(fleet.node(), fleet.members(), fleet.clusterName()))));
    }
    steps.add(new Step("routing", () -> vertx.deployVerticle(new RoutingVerticle(initial))));
    steps.add(new Step("upstreams", () -> vertx.deployVerticle(new UpstreamVerticle(initial))));
    steps.add(new Step("access log", () -> vertx.deployVerticle(new AccessLogVerticle(accessLog, initial))));
    if (config.origin().enabled()) {
      WelcomePage page = WelcomePage.of(configFile, config.admin());
      steps.add(new Step("origin", () -> vertx.deployVerticle(new OriginVerticle(config.origin(), page))));
    }
    steps.add(new Step(LISTENERS, () -> listeners.start(initial).map(LISTENERS)));
    steps.add(new Step("admin", () -> vertx.deployVerticle(new AdminVerticle(config.admin()))));
    return steps;
  }

  private Future<Void> run(List<Step> steps) {
    Future<Void> chain = Future.succeededFuture();
    for (Step step : steps) {
      chain = chain.compose(done -> step.deploy().get()
          .recover(failure -> Future.failedFuture(new StartupException(step.name(), failure)))
          .map(id -> {
            record(new Deployed(step.name(), id));
            LOG.fine(() -> "deployed " + step.name());
            return null;
          }));
    }
    return chain;
  }

  private void record(Deployed step) {
    // The listener instances are tracked (and scaled) by ListenerInstances itself.
    if (!LISTENERS.equals(step.name())) {
      deployed.push(step);
    }
  }

  /**
   * Undeploys the listener instances first, then everything else in reverse order of deployment. Each
   * failure is logged and the stop goes on: a stop must never leave half the process running.
   */
  public Future<Void> stop() {
    Future<Void> chain = listeners.stop();
    for (Deployed step : deployed) {
      chain = chain.compose(done -> undeploy(step));
    }
    return chain;
  }

  private Future<Void> undeploy(Deployed step) {
    return vertx.undeploy(step.id())
        .onFailure(e -> LOG.log(Level.WARNING, "stopping " + step.name() + " failed: " + e.getMessage(), e))
        .otherwiseEmpty();
  }
}

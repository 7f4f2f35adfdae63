package io.holdfast.fleet;

import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigSteps;
import io.holdfast.config.FleetChange;
import io.holdfast.config.NodeReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Brings this node back to the fleet's latest version whenever it is not on it: a version whose adopt
 * message never came (a timeout, a node busy starting), a map entry lost with the members that held it
 * (this node records what it runs again), or two versions {@code n} after a healed network partition (the
 * merged map's entry wins: a node past it publishes it again as the next version, so every node converges).
 * Runs every {@link #PERIOD} on the config verticle's loop: one map read when nothing is wrong.
 */
final class Reconciler {

  static final Duration PERIOD = Duration.ofSeconds(5);
  /** Reconciling never waits long for the lock: whoever holds it is changing the config and tells us. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(1);

  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

  private final Vertx vertx;
  private final FleetStore store;
  private final ConfigSteps steps;
  private final Function<FleetChange, Future<List<NodeReport>>> spread;
  private final BooleanSupplier changing;
  private final Duration period;
  private long timer = -1;
  private boolean running;
  // Log a version this node cannot run once, not every period.
  private String refusedChangeId = "";

  /** {@code changing}: true while this node is making a change itself (which brings it up to date anyway). */
  Reconciler(Vertx vertx, FleetStore store, ConfigSteps steps,
      Function<FleetChange, Future<List<NodeReport>>> spread, BooleanSupplier changing, Duration period) {
    this.vertx = vertx;
    this.store = store;
    this.steps = steps;
    this.spread = spread;
    this.changing = changing;
    this.period = period;
  }

  void start() {
    timer = vertx.setPeriodic(period.toMillis(), period.toMillis(), id -> reconcile());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** One pass; a pass still running (a slow cluster) is not doubled. */
  Future<Void> reconcile() {
    if (running || changing.getAsBoolean()) {
      return Future.succeededFuture();
    }
    running = true;
    return store.latest().compose(this::reconcile)
        .onFailure(e -> LOG.log(Level.FINE, "fleet reconcile: " + e.getMessage(), e))
        .eventually(() -> {
          running = false;
          return Future.succeededFuture();
        }).mapEmpty();
  }

  private Future<Void> reconcile(Optional<FleetChange> latest) {
    if (latest.isEmpty()) {
      return store.exclusively(LOCK_WAIT, () -> store.latest()
          .compose(again -> again.isPresent() ? Future.succeededFuture() : store.put(running())));
    }
    FleetChange fleet = latest.get();
    if (fleet.changeId().equals(steps.changeId())) {
      return Future.succeededFuture();
    }
    if (fleet.version() > steps.running().version()) {
      // A refusal is logged (once) by the config verticle.
      return steps.adopt(fleet).mapEmpty();
    }
    return store.exclusively(LOCK_WAIT, () -> store.latest().compose(again -> again.isPresent()
        && !again.get().changeId().equals(steps.changeId()) && again.get().version() <= steps.running().version()
        ? republish(again.get()) : Future.succeededFuture()));
  }

  /** What this node runs, as the fleet's latest (the map lost it). */
  private FleetChange running() {
    LOG.info(() -> "the fleet's config entry was missing; recording this node's version " + steps.running().version());
    return new FleetChange(steps.running().version(), steps.runningDocument(), steps.running().source(), 0,
        steps.changeId(), "");
  }

  /** The map's entry, which this node is past or level with: published again as the next version for all. */
  private Future<Void> republish(FleetChange fleet) {
    return steps.check(fleet.document()).compose(check -> {
      if (!check.errors().isEmpty()) {
        logRefusal(fleet, check.errors());
        return Future.succeededFuture();
      }
      FleetChange next = new FleetChange(steps.running().version() + 1, fleet.document(), fleet.source(),
          fleet.rollbackOf(), UUID.randomUUID().toString(), fleet.origin());
      LOG.warning(() -> "this node ran version " + steps.running().version() + " but the fleet's entry (version "
          + fleet.version() + ") is another change, as after a network partition; it applies again as version "
          + next.version() + " on every node");
      return store.put(next).compose(v -> steps.adopt(next)).compose(v -> spread.apply(next)).mapEmpty();
    });
  }

  private void logRefusal(FleetChange fleet, List<ConfigError> errors) {
    if (!fleet.changeId().equals(refusedChangeId)) {
      refusedChangeId = fleet.changeId();
      LOG.warning(() -> "this node cannot run the fleet's config version " + fleet.version() + " and keeps version "
          + steps.running().version() + ":\n  "
          + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n  ")));
    }
  }
}

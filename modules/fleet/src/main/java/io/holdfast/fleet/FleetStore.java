package io.holdfast.fleet;

import io.holdfast.config.FleetChange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fleet's shared state in Vert.x shared data: the latest config version (one cluster-wide map entry,
 * held as JSON text) and the cluster-wide lock that lets one change at a time be made. Hazelcast releases a
 * lock whose holder dies, and keeps a backup of the map entry on another member.
 */
final class FleetStore {

  static final String MAP = "holdfast.fleet";
  static final String LATEST = "config";
  static final String LOCK = "holdfast.fleet.config";

  private final Vertx vertx;

  FleetStore(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Optional<FleetChange>> latest() {
    return map().compose(m -> m.get(LATEST))
        .map(text -> Optional.ofNullable(text).map(t -> FleetChange.fromJson(new JsonObject(t))));
  }

  Future<Void> put(FleetChange change) {
    return map().compose(m -> m.put(LATEST, change.toJson().encode()));
  }

  /**
   * Runs {@code work} holding the lock, waiting at most {@code wait} for it; the lock is released however
   * {@code work} ends. Fails with {@link LockUnavailable} when the lock could not be had in time.
   */
  <T> Future<T> exclusively(Duration wait, Supplier<Future<T>> work) {
    return vertx.sharedData().getLockWithTimeout(LOCK, wait.toMillis())
        .recover(e -> Future.failedFuture(new LockUnavailable(wait, e)))
        .compose(lock -> run(work).andThen(done -> lock.release()));
  }

  private static <T> Future<T> run(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<AsyncMap<String, String>> map() {
    return vertx.sharedData().getClusterWideMap(MAP);
  }

  /** The fleet's config lock was not had in time: someone else is changing the config, or the cluster is unwell. */
  static final class LockUnavailable extends RuntimeException {
    LockUnavailable(Duration wait, Throwable cause) {
      super("the fleet's config lock was not free within " + wait.toSeconds() + "s (" + cause.getMessage() + ")",
          cause, false, false);
    }
  }
}

package io.holdfast.listener.connection;

import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Closes connections idle past their limit. One periodic timer per listener and instance instead of a
 * timer per idle period: a request then costs a clock read instead of a timer set and cancel (see
 * docs/keepalive.md for the measurement); lateness is bounded by the period.
 */
final class IdleSweep {

  private final Vertx vertx;
  private final Collection<ConnectionState> open;
  private KeepaliveLimits limits;
  private long timer = -1;

  IdleSweep(Vertx vertx, Collection<ConnectionState> open) {
    this.vertx = vertx;
    this.open = open;
  }

  /** Takes new limits; the timer is rescheduled only when the period changes. */
  void limits(KeepaliveLimits next) {
    if (limits == null || limits.sweepPeriodMillis() != next.sweepPeriodMillis()) {
      stop();
      timer = vertx.setPeriodic(next.sweepPeriodMillis(), id -> run());
    }
    limits = next;
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void run() {
    long now = System.nanoTime();
    List<ConnectionState> expired = null;
    for (ConnectionState state : open) {
      if (!state.closing && !state.busy() && now - state.idleSince >= limits.idleLimitNanos(state)) {
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(state);
      }
    }
    if (expired != null) {
      // Closed outside the iteration: a close handler may run synchronously and edit the collection.
      for (ConnectionState state : expired) {
        state.markClosing(CloseReason.IDLE_TIMEOUT);
        state.connection.close();
      }
    }
  }
}

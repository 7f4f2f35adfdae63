package io.holdfast.listener.connection;

import io.holdfast.listener.framing.ClientWire;
import io.holdfast.proxy.OpenTunnel;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

/**
 * Closes connections past a client timeout: idle ({@code keepalive.timeout}), a head arriving too long
 * ({@code headerTimeout}), a body stalled ({@code bodyTimeout}), a client not reading its response
 * ({@code sendTimeout}); and tunnels idle past their {@code tunnelTimeout}, or whose close waits on a client
 * that does not read for {@code sendTimeout}. One periodic timer per listener and instance instead of timers per request: a
 * request then costs a clock read instead of a timer set and cancel (see docs/keepalive.md for the
 * measurement); lateness is bounded by the period.
 */
final class TimeoutSweep {

  private static final Logger LOG = Logger.getLogger(TimeoutSweep.class.getName());

  private final Vertx vertx;
  private final Collection<ConnectionState> open;
  /** HTTP/2 streams cut for a client timeout, by kind; the connection itself went on. */
  final long[] streamCuts = new long[2];
  private ClientLimits limits;
  private long timer = -1;
  private long lastRun;
  private boolean skipped;

  TimeoutSweep(Vertx vertx, Collection<ConnectionState> open) {
    this.vertx = vertx;
    this.open = open;
  }

  /** Takes new limits; the timer is rescheduled only when the period changes. */
  void limits(ClientLimits next) {
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
    boolean late = lastRun != 0 && now - lastRun > 2_000_000L * limits.sweepPeriodMillis();
    lastRun = now;
    if (late && !skipped) {
      // The event loop was busy past two periods: bytes that would stop a clock may be waiting to be read
      // behind this timer. Time nobody out on this run; the next one judges, late or not (a loop that is
      // always late must still enforce its timeouts).
      skipped = true;
      return;
    }
    skipped = false;
    List<ConnectionState> expired = null;
    List<ConnectionState> multiplexed = null;
    List<OpenTunnel> tunnels = null;
    long stuck = limits.sendTimeoutNanos();
    for (ConnectionState state : open) {
      if (state.tunnel != null || state.upgrading) {
        // A tunnel has only its own idle limit; the client timeouts and keepalive limits are not its.
        if (state.tunnel != null && state.tunnel.due(now, stuck)) {
          if (tunnels == null) {
            tunnels = new ArrayList<>();
          }
          tunnels.add(state.tunnel);
        }
        continue;
      }
      if (state.h2 != null && state.busy() && state.cutAt == 0) {
        multiplexed = multiplexed == null ? new ArrayList<>() : multiplexed;
        multiplexed.add(state);
      }
      CloseReason reason = expired(state, limits, now);
      if (reason != null) {
        if (state.cutAt == 0) {
          state.cutOff(reason);
        }
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(state);
      }
    }
    if (multiplexed != null) {
      for (ConnectionState state : multiplexed) {
        StreamTimeouts.cut(state, now, streamCuts);
      }
    }
    if (tunnels != null) {
      for (OpenTunnel tunnel : tunnels) {
        tunnel.expire(now, stuck);
      }
    }
    if (expired != null) {
      // Closed outside the iteration: a close handler may run synchronously and edit the collection.
      for (ConnectionState state : expired) {
        LOG.fine(() -> "closing client connection " + state.connection.remoteAddress() + ": " + state.reason.key());
        state.closeNow();
      }
    }
  }

  /**
   * The limit {@code state} has run past at {@code now}, or null. Body and response are held to the limits
   * their request started with; the wait for a next request to the current ones.
   */
  static CloseReason expired(ConnectionState state, ClientLimits current, long now) {
    ClientWire wire = state.wire;
    ClientLimits own = state.limits;
    if (state.cutAt != 0) {
      return state.stuckSinceCut(now, own.sendTimeoutNanos()) ? state.reason : null;
    }
    if (state.h2 != null) {
      return expiredHttp2(state, current, now);
    }
    if (wire != null) {
      long stalled = wire.sendStalledSince(now);
      if (stalled != 0 && now - stalled >= own.sendTimeoutNanos()) {
        return CloseReason.SEND_TIMEOUT;
      }
      if (wire.inBody()) {
        // A request whose body is arriving is neither idle nor reading a head, whatever its response does.
        return now - wire.bodyStalledSince(now) >= own.bodyTimeoutNanos() ? CloseReason.BODY_TIMEOUT : null;
      }
    }
    if (state.closing || state.busy()) {
      return null;
    }
    if (wire != null && wire.headStarted()) {
      // From the connect for a first request; else from the head's first byte, or from the end of the
      // previous response for a head that was pipelined behind it (nginx reads it only then).
      long from = state.awaitingFirstRequest() ? state.openedAt
          : wire.headStartedAt() - state.idleSince > 0 ? wire.headStartedAt() : state.idleSince;
      return now - from >= current.headerTimeoutNanos() ? CloseReason.HEADER_TIMEOUT : null;
    }
    return now - state.idleSince >= current.idleLimitNanos(state) ? CloseReason.IDLE_TIMEOUT : null;
  }

  /**
   * An HTTP/2 connection as a whole: its socket stuck for {@code sendTimeout}; a frame begun and not finished
   * for {@code headerTimeout} (a header block above all: CONTINUATION frames are only seen once the block is
   * whole); no stream open for {@code keepalive.timeout} ({@code headerTimeout} before the first). Reads alone
   * (PING, WINDOW_UPDATE, SETTINGS) keep no connection alive: only streams do, as in nginx.
   */
  private static CloseReason expiredHttp2(ConnectionState state, ClientLimits current, long now) {
    long stalled = state.h2.sendStalledSince(now);
    if (stalled != 0 && now - stalled >= state.limits.sendTimeoutNanos()) {
      return CloseReason.SEND_TIMEOUT;
    }
    long partial = state.h2.partialFrameSince();
    if (partial != 0 && now - partial >= current.headerTimeoutNanos()) {
      return CloseReason.HEADER_TIMEOUT;
    }
    if (state.busy()) {
      return null;
    }
    return now - state.idleSince >= current.http2IdleLimitNanos(state) ? CloseReason.IDLE_TIMEOUT : null;
  }
}

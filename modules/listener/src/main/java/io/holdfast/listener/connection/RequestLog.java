package io.holdfast.listener.connection;

import io.holdfast.accesslog.AccessLog;
import io.holdfast.listener.framing.ClientWire;
import io.holdfast.listener.framing.InvalidRequests;
import io.holdfast.listener.framing.RawAnswer;
import io.vertx.core.http.HttpServerRequest;

/**
 * One listener's side of the access log on one event loop: a {@link RequestTrail} for each request while
 * the log is on (none, and no cost beyond one volatile read, while it is off), and the lines of answers
 * that have no request of Vert.x's behind them.
 */
final class RequestLog {

  private final String listener;
  private final AccessLog log;

  RequestLog(String listener, AccessLog log) {
    this.listener = listener;
    this.log = log;
  }

  /** The trail of a request let through, ending with the connection's own end handler; null when off. */
  RequestTrail begin(HttpServerRequest request, ConnectionState state) {
    return log.enabled()
        ? new RequestTrail(listener, request, true, startOf(state), log, state.onResponseEnd) : null;
  }

  /** The trail of a refused head (400, 414, 431, 501); null when off. */
  RequestTrail refused(HttpServerRequest request, ConnectionState state) {
    return log.enabled()
        ? new RequestTrail(listener, request, InvalidRequests.requestLineRead(request), startOf(state), log, null)
        : null;
  }

  /** An answer written past Vert.x: the status of the request it answered, or a line of its own. */
  void rawAnswered(ConnectionState state, RawAnswer answer) {
    if (!log.enabled()) {
      return;
    }
    if (state.busy() && state.trail != null) {
      // A 408/400 to the request whose body was arriving: its end handler logs it when the connection closes.
      state.trail.answeredRaw(answer);
    } else if (!state.busy()) {
      log.log(RequestTrail.headless(listener, state.connection, answer, startOf(state)));
    }
  }

  /**
   * When the request being answered began: its head's first byte ({@code $request_time} starts there, as
   * nginx's does), the connect when no byte came; now when the decoder could not be installed.
   */
  private static long startOf(ConnectionState state) {
    ClientWire wire = state.wire;
    if (wire == null) {
      return System.nanoTime();
    }
    return wire.heads() > 0 || wire.headStarted() ? wire.headStartedAt() : state.openedAt;
  }
}

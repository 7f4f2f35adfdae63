package io.holdfast.listener.connection;

import io.holdfast.listener.framing.ClientWire;
import io.holdfast.listener.framing.RawAnswer;
import io.holdfast.listener.h2.H2Wire;
import io.holdfast.proxy.OpenTunnel;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2Error;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One client connection as the governor sees it. Event-loop confined: plain fields, no locks. Exchanges
 * are counted rather than flagged because with pipelining Vert.x starts request N+1 before it calls
 * response N's end handler.
 */
final class ConnectionState {

  /**
   * Vert.x needs a bound for a connection shutdown; the last exchange itself is bounded by the client
   * timeouts and the upstream's, so this only stops a connection from lingering forever.
   */
  static final long LAST_EXCHANGE_GRACE_SECONDS = TimeUnit.DAYS.toSeconds(1);

  final HttpConnection connection;
  /** What the decoder sees of this connection's bytes; null when the strict decoder could not be installed. */
  final ClientWire wire;
  /** What the frames of an HTTP/2 connection show; null for HTTP/1.x (then {@link #wire} is set, when it could be). */
  final H2Wire h2;
  final long openedAt;
  long idleSince;
  /** The limits the current request started with (the listener's at connect time before the first). */
  ClientLimits limits;
  /** Requests started on this connection. */
  int requests;
  /** Responses ended (or abandoned by a close). */
  int ended;
  /** The response of the request started last; its headers decide {@code Connection: close}. */
  HttpServerResponse response;
  /** The request started last while its body may still arrive (a response can end before it does). */
  HttpServerRequest request;
  boolean http10;
  boolean head;
  /** No further request will be served: the connection closes once the current response is out. */
  boolean closing;
  CloseReason reason;
  boolean errored;
  /** When {@link #closeNow} ran (0: never): an answer the client does not take is not waited for forever. */
  long cutAt;
  /** The request started last asks to switch protocols: whether it is the last waits for its answer. */
  boolean upgradeAsked;
  /** Its {@code 101} is going out: the head stays as the upstream sent it, no client timeout applies. */
  boolean upgrading;
  /** The connection is a tunnel: no keepalive limit or client timeout applies, only the tunnel's idle limit. */
  OpenTunnel tunnel;

  /**
   * The socket of an HTTP/1.x connection handed to an HTTP/2 handler (h2c with prior knowledge) whose client has
   * not sent its SETTINGS yet: Vert.x's HTTP/1.x connection no longer sees it, so a close goes to the channel.
   */
  Channel switchedToHttp2;

  /** Reused for every response on this connection, so the hot path allocates no handler. */
  Handler<Void> onResponseEnd;
  /** Told of every answer written past Vert.x ({@link #closeNow}): it is counted and logged like any response. */
  BiConsumer<ConnectionState, RawAnswer> onRawAnswer = (state, answer) -> { };
  /** The access log's trail of the request started last, while the log is on; null otherwise. */
  RequestTrail trail;

  ConnectionState(HttpConnection connection, ClientWire wire, ClientLimits limits, long now) {
    this(connection, wire, null, limits, now);
  }

  ConnectionState(HttpConnection connection, ClientWire wire, H2Wire h2, ClientLimits limits, long now) {
    this.connection = connection;
    this.wire = wire;
    this.h2 = h2;
    this.limits = limits;
    this.openedAt = now;
    this.idleSince = now;
  }

  /** Whether a request whose head was accepted is still receiving its body. */
  boolean receivingBody() {
    return request != null && !request.isEnded();
  }

  boolean busy() {
    return requests > ended;
  }

  /** Still waiting for its first request head. */
  boolean awaitingFirstRequest() {
    return requests == 0;
  }

  /** Reading a request head: a first one, or bytes of a next one between requests (nginx's "reading"). */
  boolean readingHead() {
    return !busy() && (awaitingFirstRequest() || wire != null && wire.headStarted()
        || h2 != null && h2.partialFrameSince() != 0);
  }

  /**
   * This exchange is the last: a shutdown started now makes Vert.x close after the response is fully
   * written and drop requests pipelined behind it, and it defers the close while the request body is
   * still arriving.
   */
  void closeAfterResponse(CloseReason why) {
    markClosing(why);
    connection.shutdown(LAST_EXCHANGE_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  void responseEnded() {
    ended++;
    if (!busy()) {
      idleSince = System.nanoTime();
      response = null;
      trail = null;
      if (request != null && request.isEnded()) {
        request = null;
      }
    }
  }

  void markClosing(CloseReason why) {
    closing = true;
    if (reason == null) {
      reason = why;
    }
  }

  /** The client ran past a limit or broke its request: that is why it closes, whatever was planned before. */
  void cutOff(CloseReason why) {
    closing = true;
    reason = why;
  }

  /**
   * Closes for {@link #reason}, first answering {@code 408} or {@code 400} when that answer is still the
   * client's due: for a head, when no response is in progress; for a body, when its request is the one
   * being answered and no byte of that answer went out yet. Otherwise the close is the only answer.
   */
  void closeNow() {
    if (switchedToHttp2 != null) {
      switchedToHttp2.close();
      return;
    }
    if (h2 != null) {
      // GOAWAY, then the close: open streams are cut (a timeout or a client that does not read), not waited for.
      cutAt = System.nanoTime();
      h2.close(Http2Error.NO_ERROR);
      return;
    }
    if (wire == null) {
      connection.close();
      return;
    }
    if (cutAt != 0) {
      // Cut before and still open: its answer is stuck behind a client that does not read.
      wire.close();
      return;
    }
    cutAt = System.nanoTime();
    RawAnswer answer = switch (reason) {
      case HEADER_TIMEOUT -> busy() ? null : RawAnswer.REQUEST_TIMEOUT;
      case BODY_TIMEOUT -> answeringBodyRequest() ? RawAnswer.REQUEST_TIMEOUT : null;
      case BAD_REQUEST -> answeringBodyRequest() ? RawAnswer.BAD_REQUEST : null;
      default -> null;
    };
    if (answer != null) {
      wire.answerAndClose(answer, limits.hsts());
      onRawAnswer.accept(this, answer);
    } else {
      wire.close();
    }
  }

  /** Whether a cut connection is still open {@code limit} after its cut: its answer went nowhere. */
  boolean stuckSinceCut(long now, long limit) {
    return cutAt != 0 && now - cutAt >= limit;
  }

  /** The body arriving belongs to the request being answered (none pipelined), and its answer has not started. */
  private boolean answeringBodyRequest() {
    return wire != null && wire.heads() == requests && requests - ended == 1 && response != null
        && !response.headWritten();
  }
}

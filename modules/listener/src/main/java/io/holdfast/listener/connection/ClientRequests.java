package io.holdfast.listener.connection;

import io.holdfast.listener.framing.InvalidRequests;
import io.holdfast.listener.framing.RawAnswer;
import io.holdfast.proxy.ClientCut;
import io.holdfast.proxy.ExchangeTrace;
import io.holdfast.proxy.UpgradeRequests;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The requests on one listener's governed connections, as Vert.x hands them over: each is counted, made its
 * connection's last when a keepalive limit says so at its start (nginx decides there too; an upgrade waits for
 * its answer), given its access-log {@link RequestTrail} and passed to the app; its response head, at the last
 * moment, says what becomes of the connection ({@link #headersEnd}). A head the decoder refused is
 * answered 400 and its connection closes; so does a body whose framing broke. Answers written past Vert.x are
 * counted and logged like any. Event-loop confined, as the {@link ConnectionState}s it reads.
 */
final class ClientRequests implements Handler<HttpServerRequest> {

  // The listener governor's voice: one logger for a listener's connections and requests.
  private static final Logger LOG = Logger.getLogger(ClientConnections.class.getName());

  private static final CharSequence STRICT_TRANSPORT_SECURITY = HttpHeaders.createOptimized("strict-transport-security");

  private final String listener;
  private final Map<HttpConnection, ConnectionState> open;
  private final ListenerCounters counters;
  private final InvalidRequests invalidRequests;
  private final Http2Streams http2;
  private final RequestLog requestLog;
  private ClientLimits limits;
  private RequestHandler app;

  ClientRequests(String listener, Map<HttpConnection, ConnectionState> open, ListenerCounters counters,
                 InvalidRequests invalidRequests, Http2Streams http2, RequestLog requestLog) {
    this.listener = listener;
    this.open = open;
    this.counters = counters;
    this.invalidRequests = invalidRequests;
    this.http2 = http2;
    this.requestLog = requestLog;
  }

  /** The limits requests start with from now on (and the response heads still to go out are judged by). */
  void limits(ClientLimits limits) {
    this.limits = limits;
  }

  /** Where requests let through go; set once, when the governor is installed on its server. */
  void serve(RequestHandler app) {
    this.app = app;
  }

  @Override
  public void handle(HttpServerRequest request) {
    ConnectionState state = open.get(request.connection());
    if (state == null || state.closing && state.h2 == null) {
      // Refused at accept, or pipelined behind the last response: nginx stops reading there too. (An HTTP/2
      // stream that reaches here was opened before the GOAWAY, which promised to serve it.)
      request.connection().close();
      return;
    }
    counters.requests++;
    state.requests++;
    state.http10 = request.version() == HttpVersion.HTTP_1_0;
    state.head = request.method() == HttpMethod.HEAD;
    HttpServerResponse response = request.response();
    state.response = response;
    state.request = request;
    state.limits = limits;
    CloseReason last = state.h2 != null ? limits.lastStreamReason(state, System.nanoTime())
        : limits.lastRequestReason(state, System.nanoTime());
    // A request that may switch protocols is not made the last before its answer: a 101 must not say close.
    // (HTTP/2 has no Upgrade: its streams never switch.)
    state.upgradeAsked = state.h2 == null && UpgradeRequests.tunnelled(request);
    if (last != null && !state.upgradeAsked && !state.closing) {
      state.closeAfterResponse(last);
    }
    RequestTrail trail = requestLog.begin(request, state);
    state.trail = trail;
    // Bound to this response, not read from the connection's state: by the time a head is written the
    // state may already describe another exchange (seen under load with upstream keepalive off).
    response.headersEndHandler(v -> {
      counters.responded(response.getStatusCode());
      headersEnd(state, response, limits);
    });
    response.endHandler(trail != null ? trail : state.onResponseEnd);
    if (state.h2 != null && !http2.admit(state.h2, request, limits.maxUriLength())) {
      return;
    }
    try {
      app.handle(request, trail != null ? trail : ExchangeTrace.NONE);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request handler failed on listener " + listener, e);
      if (!response.headWritten()) {
        response.setStatusCode(500).end();
      } else {
        ClientCut.cut(request);
      }
    }
  }

  /**
   * Last moment to decide on {@code Connection: close} for {@code response} (HTTP/2: on a GOAWAY after the
   * streams in progress; the header is HTTP/1's), and where {@code Strict-Transport-Security} is added, so
   * every response of the listener carries it, Holdfast's own error replies included.
   */
  private static void headersEnd(ConnectionState state, HttpServerResponse response, ClientLimits limits) {
    if (state.upgrading) {
      return;
    }
    if (limits.hsts() != null) {
      response.headers().set(STRICT_TRANSPORT_SECURITY, limits.hsts());
    }
    if (state.upgradeAsked && !state.closing) {
      // Refused or not passed: the keepalive limits deferred at its start apply to this answer.
      CloseReason last = limits.lastRequestReason(state, System.nanoTime());
      if (last != null) {
        state.closeAfterResponse(last);
      }
    }
    if (!state.closing) {
      if (System.nanoTime() - state.openedAt >= limits.maxAgeNanos()) {
        state.closeAfterResponse(CloseReason.LIFETIME);
      } else if (state.h2 == null && unframedKeepAliveBody(state, response)) {
        state.closeAfterResponse(CloseReason.CLIENT);
      }
    }
    if (state.closing && state.h2 == null) {
      response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
  }

  /** An HTTP/1.0 keep-alive response with a body but no Content-Length cannot be delimited but by a close. */
  private static boolean unframedKeepAliveBody(ConnectionState state, HttpServerResponse response) {
    int status = response.getStatusCode();
    return state.http10 && !state.head && status >= 200 && status != 204 && status != 304
        && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)
        && response.headers().contains(HttpHeaders.CONNECTION, HttpHeaders.KEEP_ALIVE, true);
  }

  /** A head the decoder refused (or Vert.x could not read): 400 and the close, unless already closing. */
  void invalid(HttpServerRequest request) {
    ConnectionState state = open.get(request.connection());
    if (state == null || state.closing) {
      // Pipelined behind a refusal (or a last response): the framing that delimited it is already in doubt.
      request.connection().close();
      return;
    }
    counters.requests++;
    // The shutdown makes Vert.x drop whatever was pipelined behind this head; the answer then closes.
    state.closeAfterResponse(CloseReason.BAD_REQUEST);
    HttpServerResponse response = request.response();
    response.headersEndHandler(v -> counters.responded(response.getStatusCode()));
    RequestTrail trail = requestLog.refused(request, state);
    if (trail != null) {
      response.endHandler(trail);
    }
    invalidRequests.handle(request);
  }

  /** An answer written past Vert.x: counted, and logged as its request's status or as a line of its own. */
  void rawAnswered(ConnectionState state, RawAnswer answer) {
    counters.responded(answer.status());
    requestLog.rawAnswered(state, answer);
  }

  /** A request body's chunked framing broke: 400 if its answer has not started, else the close alone. */
  void brokenBody(ConnectionState state, Throwable failure) {
    invalidRequests.brokenBody(state.connection, failure);
    state.cutOff(CloseReason.BAD_REQUEST);
    state.closeNow();
  }
}

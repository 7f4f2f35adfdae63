package io.holdfast.listener.connection;

import io.holdfast.bus.ListenerStats;
import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.framing.ClientWire;
import io.holdfast.listener.framing.InvalidRequests;
import io.holdfast.listener.framing.StrictRequestDecoder;
import io.holdfast.listener.h2.H2Requests;
import io.holdfast.listener.h2.H2Wire;
import io.netty.handler.codec.http2.Http2Error;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Client-side connection governance of one listener on one event loop, with nginx's keepalive rules:
 * {@code keepalive.timeout} (idle sweep), {@code keepalive.requests} and {@code keepalive.time} (the last
 * response says {@code Connection: close}, then the connection closes), {@code maxConnections} (excess
 * connections closed at accept), and its client timeouts ({@code headerTimeout}, {@code bodyTimeout},
 * {@code sendTimeout}: the same sweep). Counts what happens as {@link ListenerStats}. Create and use it on
 * the event loop that owns the listener's {@link HttpServer}.
 */
public final class ClientConnections {

  private static final Logger LOG = Logger.getLogger(ClientConnections.class.getName());

  private final String listener;
  private final ConnectionQuota quota;
  private final Map<HttpConnection, ConnectionState> open = new HashMap<>();
  private final ListenerCounters counters = new ListenerCounters();
  private final TimeoutSweep sweep;
  private final InvalidRequests invalidRequests;
  private final PriorKnowledge priorKnowledge = new PriorKnowledge();
  private ClientLimits limits;
  private HttpServerOptions decoderOptions;
  private Handler<HttpServerRequest> requests;
  private String origin;
  private boolean decoderWarned;

  private ClientConnections(Vertx vertx, ListenerConfig config) {
    this.listener = config.name();
    this.quota = ConnectionQuota.of(vertx, config.name());
    this.sweep = new TimeoutSweep(vertx, open.values());
    this.invalidRequests = new InvalidRequests(config.name());
  }

  /** Governance for {@code config}'s listener; its idle sweep runs on the calling context. */
  public static ClientConnections create(Vertx vertx, ListenerConfig config) {
    ClientConnections connections = new ClientConnections(vertx, config);
    connections.update(config);
    return connections;
  }

  /**
   * Routes {@code server}'s connections and requests through this governor, then to {@code app}. Each
   * connection decodes with {@link StrictRequestDecoder} built from {@code options} (the server's own), so
   * hostile framing never reaches {@code app}.
   */
  public HttpServer install(HttpServer server, HttpServerOptions options, Handler<HttpServerRequest> app) {
    this.decoderOptions = options;
    this.origin = (options.isSsl() ? "https://" : "http://") + options.getHost() + ":" + options.getPort();
    this.requests = request -> onRequest(request, app);
    return server
        .connectionHandler(this::onConnection)
        .requestHandler(requests)
        .invalidRequestHandler(this::onInvalidRequest);
  }

  /** New limits: new connections get them at once, existing ones at their next request boundary. */
  public void update(ListenerConfig config) {
    limits = ClientLimits.of(config);
    sweep.limits(limits);
    invalidRequests.hsts(limits.hsts());
  }

  public String listener() {
    return listener;
  }

  public ListenerStats stats() {
    return counters.snapshot(listener, open.values(), sweep.streamCuts);
  }

  /** Stops the timeout sweep; the connections themselves are closed by shutting the server down. */
  public void close() {
    sweep.stop();
  }

  private void onConnection(HttpConnection connection) {
    HandshakeGuard.release(connection);
    H2Wire h2 = H2Wire.install(connection);
    if (h2 != null) {
      // An h2c connection that began as HTTP/1.x was counted then: it is the same connection.
      ConnectionState before = priorKnowledge.completed(connection);
      if (before != null) {
        forget(before);
      }
    }
    counters.accepted++;
    if (!quota.tryAcquire(limits.maxConnections())) {
      counters.closed(CloseReason.REFUSED);
      if (quota.shouldLogRefusal()) {
        LOG.warning(() -> "listener " + listener + ": maxConnections (" + limits.maxConnections()
            + ") reached, refusing new connections");
      }
      connection.close();
      return;
    }
    counters.handled++;
    ClientWire wire = h2 == null ? StrictRequestDecoder.install(connection, decoderOptions) : null;
    if (h2 == null && wire == null && !decoderWarned) {
      decoderWarned = true;
      LOG.warning(() -> "listener " + listener + ": strict request decoder unavailable on "
          + connection.getClass().getName() + "; only Netty's own request checks apply, and of the client timeouts only keepalive.timeout");
    }
    ConnectionState state = new ConnectionState(connection, wire, h2, limits, System.nanoTime());
    state.onResponseEnd = v -> state.responseEnded();
    open.put(connection, state);
    connection.closeHandler(v -> onClosed(state));
    connection.exceptionHandler(failure -> {
      state.errored = true;
      LOG.log(Level.FINE, "client connection error", failure);
    });
    if (wire != null) {
      wire.onBrokenBody(failure -> onBrokenBody(state, failure));
      if (limits.priorKnowledge()) {
        wire.onPriorKnowledge(v -> priorKnowledge.begin(state, origin, requests, this::onConnection, this::onClosed));
      }
    }
    if (h2 != null) {
      h2.onRefusal(reason -> invalidRequests.refusedStream(connection, reason));
      // Dispatched before the shutdown handler: a GOAWAY from the client is the client's close.
      connection.goAwayHandler(goAway -> state.markClosing(CloseReason.CLIENT));
    }
    // A server shutdown (stop, removal, rebind) reaches each connection as a shutdown.
    connection.shutdownHandler(v -> state.markClosing(CloseReason.SHUTDOWN));
  }

  private void onRequest(HttpServerRequest request, Handler<HttpServerRequest> app) {
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
    if (last != null && !state.closing) {
      state.closeAfterResponse(last);
    }
    // Bound to this response, not read from the connection's state: by the time a head is written the
    // state may already describe another exchange (seen under load with upstream keepalive off).
    response.headersEndHandler(v -> state.headersEnd(response, limits));
    response.endHandler(state.onResponseEnd);
    if (state.h2 != null && !admitStream(state.h2, request, counters)) {
      return;
    }
    try {
      app.handle(request);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request handler failed on listener " + listener, e);
      if (!response.headWritten()) {
        response.setStatusCode(500).end();
      } else {
        io.holdfast.proxy.ClientCut.cut(request);
      }
    }
  }

  private void onInvalidRequest(HttpServerRequest request) {
    ConnectionState state = open.get(request.connection());
    if (state == null || state.closing) {
      // Pipelined behind a refusal (or a last response): the framing that delimited it is already in doubt.
      request.connection().close();
      return;
    }
    counters.requests++;
    // The shutdown makes Vert.x drop whatever was pipelined behind this head; the answer then closes.
    state.closeAfterResponse(CloseReason.BAD_REQUEST);
    invalidRequests.handle(request);
  }

  /** A request body's chunked framing broke: 400 if its answer has not started, else the close alone. */
  private void onBrokenBody(ConnectionState state, Throwable failure) {
    invalidRequests.brokenBody(state.connection, failure);
    state.cutOff(CloseReason.BAD_REQUEST);
    state.closeNow();
  }

  /**
   * An HTTP/2 stream translated to the HTTP/1.1 request the upstream gets; false when it was answered here
   * instead (414 past {@code maxUriLength}), the connection and its other streams going on. A malformed
   * request never gets here: {@link H2Wire} refuses it as a stream error.
   */
  private boolean admitStream(H2Wire h2, HttpServerRequest request, ListenerCounters counters) {
    counters.http2Streams++;
    int stream = request.streamId();
    boolean body = h2.hasBody(stream);
    h2.attach(stream, request.response());
    if (request.uri().length() <= limits.maxUriLength()) {
      H2Requests.translate(request, body);
      return true;
    }
    invalidRequests.refusedStream(request, 414).onComplete(answered -> {
      if (body) {
        // The body is not wanted: RST_STREAM(NO_ERROR) after the answer tells the client to stop sending it.
        h2.reset(stream, Http2Error.NO_ERROR);
      }
    });
    return false;
  }

  /** An HTTP/1.x connection that became HTTP/2 (prior knowledge) and now counts under its new self. */
  private void forget(ConnectionState before) {
    open.remove(before.connection);
    quota.release();
    counters.accepted--;
    counters.handled--;
  }

  private void onClosed(ConnectionState state) {
    open.remove(state.connection);
    quota.release();
    CloseReason reason = state.reason != null ? state.reason
        : state.errored ? CloseReason.ERROR : CloseReason.CLIENT;
    counters.closed(reason);
  }
}

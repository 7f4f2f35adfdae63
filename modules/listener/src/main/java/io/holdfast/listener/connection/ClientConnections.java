package io.holdfast.listener.connection;

import io.holdfast.accesslog.AccessLog;
import io.holdfast.bus.ListenerStats;
import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.framing.ClientWire;
import io.holdfast.listener.framing.InvalidRequests;
import io.holdfast.listener.framing.RawAnswer;
import io.holdfast.listener.framing.StrictRequestDecoder;
import io.holdfast.listener.h2.H2Wire;
import io.holdfast.proxy.ClientTunnels;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Client-side connection governance of one listener on one event loop, with nginx's keepalive rules:
 * {@code keepalive.timeout} (idle sweep), {@code keepalive.requests} and {@code keepalive.time} (the last
 * response says {@code Connection: close}, then the connection closes), {@code maxConnections} (excess
 * connections closed at accept), and its client timeouts ({@code headerTimeout}, {@code bodyTimeout},
 * {@code sendTimeout}: the same sweep). Connections that switch protocols leave those rules for their
 * {@link TunnelGovernance}. Counts what happens as {@link ListenerStats}, responses by status class included,
 * and, while the access log is on, gives every request a {@link RequestTrail} that queues its line when the
 * response ends (a tunnel's when it closes). This class owns the connections, from accept to close; their
 * requests are {@link ClientRequests}'. Create and use it on the event loop that owns the listener's
 * {@link HttpServer}.
 */
public final class ClientConnections {

  private static final Logger LOG = Logger.getLogger(ClientConnections.class.getName());

  private final String listener;
  private final ConnectionQuota quota;
  private final Map<HttpConnection, ConnectionState> open = new HashMap<>();
  private final ListenerCounters counters = new ListenerCounters();
  private final TimeoutSweep sweep;
  private final InvalidRequests invalidRequests;
  private final Http2Streams http2;
  private final TunnelGovernance tunnels;
  private final ClientRequests requests;
  private final BiConsumer<ConnectionState, RawAnswer> rawAnswers;
  private ClientLimits limits;
  private HttpServerOptions decoderOptions;
  private String origin;
  private boolean decoderWarned;

  private ClientConnections(Vertx vertx, ListenerConfig config, AccessLog accessLog) {
    this.listener = config.name();
    this.quota = ConnectionQuota.of(vertx, config.name());
    this.sweep = new TimeoutSweep(vertx, open.values());
    this.invalidRequests = new InvalidRequests(config.name());
    this.http2 = new Http2Streams(invalidRequests, counters);
    this.tunnels = new TunnelGovernance(vertx, open, this::release);
    this.requests = new ClientRequests(config.name(), open, counters, invalidRequests, http2,
        new RequestLog(config.name(), accessLog));
    this.rawAnswers = requests::rawAnswered;
  }

  /** Governance for {@code config}'s listener, without an access log; its idle sweep runs on the calling context. */
  public static ClientConnections create(Vertx vertx, ListenerConfig config) {
    return create(vertx, config, AccessLog.OFF);
  }

  /** Governance for {@code config}'s listener, logging requests to {@code accessLog} (this loop's) while it is on. */
  public static ClientConnections create(Vertx vertx, ListenerConfig config, AccessLog accessLog) {
    ClientConnections connections = new ClientConnections(vertx, config, accessLog);
    connections.update(config);
    return connections;
  }

  /**
   * Routes {@code server}'s connections and requests through this governor, then to {@code app}. Each
   * connection decodes with {@link StrictRequestDecoder} built from {@code options} (the server's own), so
   * hostile framing never reaches {@code app}. A {@link RequestHandler} is told where to report each request's
   * upstream side for the access log.
   */
  public HttpServer install(HttpServer server, HttpServerOptions options, Handler<HttpServerRequest> app) {
    this.decoderOptions = options;
    this.origin = (options.isSsl() ? "https://" : "http://") + options.getHost() + ":" + options.getPort();
    requests.serve(app instanceof RequestHandler handler ? handler : (request, trace) -> app.handle(request));
    return server
        .connectionHandler(this::onConnection)
        .requestHandler(requests)
        .invalidRequestHandler(requests::invalid);
  }

  /** New limits: new connections get them at once, existing ones at their next request boundary. */
  public void update(ListenerConfig config) {
    limits = ClientLimits.of(config);
    requests.limits(limits);
    sweep.limits(limits);
    invalidRequests.hsts(limits.hsts());
  }

  public String listener() {
    return listener;
  }

  public ListenerStats stats() {
    return counters.snapshot(listener, open.values(), sweep.streamCuts);
  }

  /** What the forwarder hands a connection that switches protocols to. */
  public ClientTunnels tunnels() {
    return tunnels;
  }

  /**
   * The listener stops, is removed or rebound: its tunnels open now get {@code timeout} to end, then are
   * closed. Call right before shutting its server down with the same timeout.
   */
  public void drainTunnels(Duration timeout) {
    tunnels.drain(timeout);
  }

  /** Cuts every connection still open at the socket, without waiting for a flush: the end of a stop's drain. */
  public void cutAll() {
    for (ConnectionState state : List.copyOf(open.values())) {
      state.markClosing(CloseReason.SHUTDOWN);
      state.closeNow();
    }
  }

  /** Stops the timeout sweep; the connections themselves are closed by shutting the server down. */
  public void close() {
    sweep.stop();
  }

  private void onConnection(HttpConnection connection) {
    HandshakeGuard.release(connection);
    H2Wire h2 = http2.watch(connection, this::forget);
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
    state.onResponseEnd = v -> {
      state.responseEnded();
      tunnels.answered(state);
    };
    state.onRawAnswer = rawAnswers;
    open.put(connection, state);
    connection.closeHandler(v -> onClosed(state));
    connection.exceptionHandler(failure -> {
      state.errored = true;
      LOG.log(Level.FINE, "client connection error", failure);
    });
    if (wire != null) {
      wire.onBrokenBody(failure -> requests.brokenBody(state, failure));
      if (limits.priorKnowledge()) {
        http2.offerPriorKnowledge(wire, state, origin, requests, this::onConnection, this::onClosed);
      }
    }
    if (h2 != null) {
      http2.govern(h2, connection, state);
    }
    // A server shutdown (stop, removal, rebind) reaches each connection as a shutdown.
    connection.shutdownHandler(v -> state.markClosing(CloseReason.SHUTDOWN));
  }

  /** An HTTP/1.x connection that became HTTP/2 (prior knowledge) and now counts under its new self. */
  private void forget(ConnectionState before) {
    open.remove(before.connection);
    quota.release();
    counters.accepted--;
    counters.handled--;
  }

  private void onClosed(ConnectionState state) {
    release(state, state.reason != null ? state.reason : state.errored ? CloseReason.ERROR : CloseReason.CLIENT);
  }

  /** {@code state}'s connection is gone: counted once, whichever of Vert.x and its tunnel reports it. */
  private void release(ConnectionState state, CloseReason reason) {
    if (open.remove(state.connection) == null) {
      return;
    }
    quota.release();
    if (state.wire != null) {
      state.wire.discardHeld();
    }
    counters.closed(reason);
  }
}

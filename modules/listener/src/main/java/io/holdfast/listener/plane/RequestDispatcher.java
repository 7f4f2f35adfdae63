package io.holdfast.listener.plane;

import io.holdfast.config.CompressionConfig;
import io.holdfast.listener.connection.RequestHandler;
import io.holdfast.proxy.ClientCut;
import io.holdfast.proxy.ClientTunnels;
import io.holdfast.proxy.ExchangeTrace;
import io.holdfast.proxy.Forwarder;
import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.routing.Route;
import io.holdfast.routing.RouteTable;
import io.holdfast.upstream.UpstreamGroup;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data path of one listener: route match, then forward on this event loop. Nothing per request
 * crosses the event bus; the plane is read once so route and pools come from the same config version.
 * The listener's response compression is held here and swapped on a config change: it applies per
 * response, so the server is not rebound for it. The request's access-log trace goes on to the exchange;
 * an answer given here (404, 502, 503) has no upstream side to report. Event-loop confined.
 */
public final class RequestDispatcher implements RequestHandler {

  private static final Logger LOG = Logger.getLogger(RequestDispatcher.class.getName());

  private final String listener;
  private final DataPlane plane;
  private final Forwarder forwarder;
  private final ClientTunnels tunnels;
  private CompressionConfig compressionConfig;
  private ResponseCompression compression;
  /** {@code redirectHttps}: the https port every request is sent to; 0: requests are served. */
  private int redirectPort;

  public RequestDispatcher(String listener, DataPlane plane, Forwarder forwarder, CompressionConfig compression) {
    this(listener, plane, forwarder, compression, null);
  }

  /** {@code tunnels}: the listener's governance for connections that switch protocols; null: none pass. */
  public RequestDispatcher(String listener, DataPlane plane, Forwarder forwarder, CompressionConfig compression,
                           ClientTunnels tunnels) {
    this.listener = listener;
    this.plane = plane;
    this.forwarder = forwarder;
    this.tunnels = tunnels;
    compress(compression);
  }

  /** Requests from now on are answered with {@code config}'s compression (compiled once, not per request). */
  public void compress(CompressionConfig config) {
    if (!config.equals(compressionConfig)) {
      compressionConfig = config;
      compression = ResponseCompression.of(config);
    }
  }

  /** From the next request on, every request is redirected to https on {@code port} (0: served again). */
  public void redirect(int port) {
    this.redirectPort = port;
  }

  @Override
  public void handle(HttpServerRequest request, ExchangeTrace trace) {
    if (redirectPort != 0) {
      HttpsRedirect.answer(request, redirectPort);
      return;
    }
    Plane current = plane.current();
    RouteTable table = current.routes().forListener(listener);
    if (table == null) {
      // A listener bound for a config version whose routes have not switched in yet.
      answer(request, 503, "Service Unavailable");
      return;
    }
    Route route = table.match(request.path());
    if (route == null) {
      answer(request, 404, "Not Found");
      return;
    }
    // A split route picks its upstream by the request's key; the group passed on is the chosen one.
    UpstreamGroup group = current.pools().group(route.upstream(request));
    if (group == null) {
      answer(request, 502, "Bad Gateway");
      return;
    }
    forwarder.forward(request, group, route.hostOverride(), compression, trace, tunnels)
        .onFailure(failure -> unanswered(request, failure));
  }

  /** The forwarder answers upstream failures itself; this only keeps a client from waiting forever. */
  private static void unanswered(HttpServerRequest request, Throwable failure) {
    LOG.log(Level.FINE, "forwarding failed", failure);
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      ClientCut.cut(request);
    } else {
      answer(request, 502, "Bad Gateway");
    }
  }

  private static void answer(HttpServerRequest request, int status, String reason) {
    request.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(status + " " + reason + "\n");
  }
}

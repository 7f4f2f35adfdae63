package io.holdfast.proxy;

import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamLease;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.HostAndPort;

import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request asking to switch protocols ({@link UpgradeRequests}), start to end: the upstream gets it with its
 * {@code Connection: upgrade} and {@code Upgrade} kept (every other hop-by-hop rule as for any request), on a
 * pooled connection when one is idle; a {@code 101} opens a {@link Tunnel} on it, anything else is relayed as
 * an ordinary response (whose connection is then closed, see {@link #respond}). A body ({@code Content-Length} only)
 * is sent framed as announced, so the upstream sees exactly its bytes before any byte of the new protocol.
 * Failures, retries and blame are as for an {@link Exchange}.
 */
final class UpgradeExchange {

  private static final Logger LOG = Logger.getLogger(UpgradeExchange.class.getName());

  private final HttpServerRequest request;
  private final UpstreamGroup upstream;
  private final ResponseCompression compression;
  private final ClientTunnels tunnels;
  private final ExchangeTrace trace;
  private final MultiMap headers;
  private final HostAndPort authority;
  private final boolean expectContinue;
  private final RequestOptions options;
  private final long responseTimeoutMillis;
  /** Null for a bodiless request. */
  private final ClientBody body;
  private UpstreamLease lease;
  private HttpClientRequest outbound;
  private boolean retried;
  private boolean clientAborted;

  UpgradeExchange(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
                  UpstreamRequestOptions requestOptions, ResponseCompression compression, ExchangeTrace trace,
                  ClientTunnels tunnels) {
    this.request = request;
    this.upstream = upstream;
    this.compression = compression;
    this.trace = trace;
    this.tunnels = tunnels;
    request.pause();
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    String upgrade = copy.get(HttpHeaders.UPGRADE);
    this.expectContinue = copy.contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true);
    copy.remove(HttpHeaders.EXPECT);
    HopByHop.strip(copy);
    copy.remove(HttpHeaders.HOST);
    ForwardedHeaders.add(copy, request);
    // Only these two hop-by-hop headers pass, and only here; Vert.x's client switches on exactly this Connection.
    copy.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
    copy.set(HttpHeaders.UPGRADE, upgrade);
    this.headers = copy;
    this.authority = hostOverride != null ? HostAndPort.parseAuthority(hostOverride, -1) : request.authority();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    RequestOptions timed = requestOptions.of(upstream.config());
    this.responseTimeoutMillis = timed.getIdleTimeout();
    boolean bodiless = length == null || "0".equals(length);
    this.body = bodiless ? null : new ClientBody(request, responseTimeoutMillis);
    this.options = bodiless ? timed : UpstreamRequestOptions.UNTIMED;
  }

  Future<Void> run() {
    return upstream.acquire(request)
        .compose(this::send)
        .compose(this::respond)
        .recover(this::fail);
  }

  private Future<HttpClientResponse> send(UpstreamLease leased) {
    this.lease = leased;
    trace.leased(upstream.config().name(), leased);
    if (request.response().closed()) {
      leased.discard(null);
      clientAborted = true;
      return Future.failedFuture(new StreamResetException(0));
    }
    return leased.connection().request(options)
        .compose(this::connect)
        .recover(this::retryOrFail);
  }

  private Future<HttpClientResponse> connect(HttpClientRequest request) {
    this.outbound = request;
    request.exceptionHandler(UpgradeExchange::upstreamRequestFailed);
    request.setMethod(HttpMethod.GET).setURI(this.request.uri());
    request.headers().setAll(headers);
    if (authority != null) {
      request.authority(authority);
    }
    // connect(): the head goes out, and a 101 turns the connection into raw bytes from its first byte on.
    Future<HttpClientResponse> response = request.connect();
    if (body == null) {
      // Lets the request's end through, so a refused upgrade finds it ended and the connection reusable.
      this.request.resume();
    } else {
      body.sendingOn(request);
      if (expectContinue) {
        this.request.response().writeContinue();
      }
      // Framed by its Content-Length (the head carries it); never ended, since ending a connect() request
      // would end the tunnel's upstream side.
      body.pipe().endOnComplete(false).endOnFailure(false).to(request);
    }
    return response;
  }

  private Future<HttpClientResponse> retryOrFail(Throwable failure) {
    if (body != null && body.stalledUpstream()) {
      return UpstreamSendFailures.bodyNotTaken(lease, responseTimeoutMillis, failure);
    }
    if (request.response().closed()) {
      lease.discard(null);
      return Future.failedFuture(failure);
    }
    if (failure instanceof StreamResetException && !request.isEnded()) {
      clientAborted = true;
      lease.discard(null);
      return Future.failedFuture(failure);
    }
    if (failure instanceof TimeoutException) {
      return UpstreamSendFailures.noResponse(lease, responseTimeoutMillis, failure);
    }
    if (lease.reused() && !retried && body == null) {
      retried = true;
      return lease.retryOnFreshConnection().recover(refused -> upstream.acquire(request)).compose(this::send);
    }
    return UpstreamSendFailures.brokeOff(lease, failure);
  }

  private Future<Void> respond(HttpClientResponse response) {
    lease.responded(response.statusCode());
    trace.responded(response.statusCode());
    if (body != null) {
      body.answered();
    }
    if (response.statusCode() != 101) {
      // Refused: an ordinary response. Its connection is not reused: Vert.x 5.0.10 cannot end a request begun
      // with connect(), and its HTTP encoder stays mid-message, so a next request on it would never be written.
      return new ResponseRelay(request, lease, outbound, compression, false).relay(response);
    }
    // Paused before anything else: bytes the upstream sent right behind the 101 wait here for the tunnel.
    response.pause();
    if (response.getHeader(HttpHeaders.UPGRADE) == null) {
      return UpstreamSendFailures.badSwitch(lease, "without an Upgrade header");
    }
    if (request.response().closed()) {
      lease.discard(null);
      return Future.succeededFuture();
    }
    String stickyCookie = lease.stickyCookie();
    long idleNanos = upstream.config().tunnelTimeout().toNanos();
    return new Tunnel(request, lease.connection(), outbound, response, lease.tunnel(), idleNanos, tunnels)
        .open(stickyCookie);
  }

  private Future<Void> fail(Throwable failure) {
    if (body != null) {
      body.finish();
    }
    if (lease != null) {
      lease.discard(null);
    } else {
      trace.unreached(upstream.config().name(), failure instanceof UpstreamFailure typed ? typed.server() : null);
    }
    if (clientAborted) {
      LOG.log(Level.FINE, "client left during an upgrade", failure);
      request.connection().close();
      return Future.succeededFuture();
    }
    return ErrorReply.send(request, upstream, lease, failure);
  }

  private static void upstreamRequestFailed(Throwable failure) {
    LOG.log(Level.FINE, "upstream upgrade request failed", failure);
  }
}

package io.holdfast.proxy;

import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamLease;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One forwarded request, start to end, on the client connection's event loop: acquire a lease, send
 * through vertx-http-proxy's {@link ProxyRequest}, let a {@link ResponseRelay} answer the client and hand
 * the connection back to the pool (or discard it). One flat future chain; every failure ends in
 * {@link ErrorReply}, the upstream's typed by {@link UpstreamSendFailures}.
 *
 * <p>Only what the upstream did counts against it: the response timeout runs from the moment the request
 * was sent whole ({@link ClientBody} starts it for a streamed body; a slow client's body is the client's, its
 * own timeout is the listener's), and a client that went away or broke its request makes the upstream
 * connection go without a failure counted.
 */
final class Exchange {

  private static final Logger LOG = Logger.getLogger(Exchange.class.getName());

  private final HttpServerRequest request;
  private final UpstreamGroup upstream;
  private final ProxyRequest proxyRequest;
  private final boolean bodiless;
  private final String proxyAuthorization;
  private final boolean expectContinue;
  private final RequestOptions options;
  private final long responseTimeoutMillis;
  /** The streamed body; null for a bodiless request (sent whole with its head). */
  private final ClientBody body;
  private final ResponseCompression compression;
  private final ExchangeTrace trace;
  private UpstreamLease lease;
  private HttpClientRequest upstreamRequest;
  private boolean retried;
  private boolean clientAborted;

  Exchange(HttpServerRequest request, UpstreamGroup upstream, String hostOverride,
           UpstreamRequestOptions requestOptions, ResponseCompression compression, ExchangeTrace trace) {
    this.request = request;
    this.upstream = upstream;
    this.proxyRequest = ProxyRequest.reverseProxy(request);
    MultiMap headers = proxyRequest.headers();
    this.proxyAuthorization = HopByHop.proxyAuthorizationToForward(headers);
    // Like nginx, the proxy answers Expect itself (when ready to read the body) and does not pass it on.
    this.expectContinue = headers.contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true);
    headers.remove(HttpHeaders.EXPECT);
    HopByHop.strip(headers);
    ForwardedHeaders.add(headers, request);
    HostAndPort authority = hostOverride != null
        ? HostAndPort.parseAuthority(hostOverride, -1) : request.authority();
    if (authority != null) {
      proxyRequest.setAuthority(authority);
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    this.bodiless = !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        && (length == null || "0".equals(length));
    RequestOptions timed = requestOptions.of(upstream.config());
    this.responseTimeoutMillis = timed.getIdleTimeout();
    if (bodiless) {
      // Sent with end(): the request stream is never piped, so a retry can send it again. Sent whole at
      // once, so the response timeout may start with the request.
      proxyRequest.setBody(null);
      request.resume();
      this.body = null;
      this.options = timed;
    } else {
      Body original = proxyRequest.getBody();
      this.body = new ClientBody(request, responseTimeoutMillis);
      proxyRequest.setBody(Body.body(body, original.length(), original.mediaType()));
      this.options = UpstreamRequestOptions.UNTIMED;
    }
    this.compression = compression;
    this.trace = trace;
  }

  Future<Void> run() {
    return upstream.acquire(request)
        .compose(this::send)
        .compose(this::respond)
        .recover(this::fail);
  }

  /** The upstream this request went to (a split route's pick included): for the access log. */
  String upstreamName() {
    return upstream.config().name();
  }

  private Future<ProxyResponse> send(UpstreamLease leased) {
    this.lease = leased;
    trace.leased(upstreamName(), leased);
    if (request.response().closed()) {
      // The client left (or broke its request) while the connection was being opened: nothing was sent on
      // it, no handler would ever see the client go, so it goes now, unblamed.
      leased.discard(null);
      clientAborted = true;
      return Future.failedFuture(new StreamResetException(0));
    }
    return leased.connection().request(options)
        .compose(this::sendOn)
        .recover(this::retryOrFail);
  }

  private Future<ProxyResponse> sendOn(HttpClientRequest outbound) {
    this.upstreamRequest = outbound;
    if (body != null) {
      body.sendingOn(outbound);
    }
    // The failure also fails the response future, where it is handled; without a handler Vert.x logs it as SEVERE.
    outbound.exceptionHandler(Exchange::upstreamRequestFailed);
    if (lease.lastRequest()) {
      outbound.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    if (proxyAuthorization != null) {
      outbound.putHeader(HttpHeaders.PROXY_AUTHORIZATION, proxyAuthorization);
    }
    if (expectContinue && !retried) {
      request.response().writeContinue();
    }
    return proxyRequest.send(outbound);
  }

  /** A reused connection the upstream closed meanwhile: once, on a fresh one, when that is safe. */
  private Future<ProxyResponse> retryOrFail(Throwable failure) {
    if (body != null && body.stalledUpstream()) {
      return UpstreamSendFailures.bodyNotTaken(lease, responseTimeoutMillis, failure);
    }
    if (request.response().closed()) {
      // The client went (it closed, broke its body, or ran past a client timeout): not the upstream's doing.
      lease.discard(null);
      return Future.failedFuture(failure);
    }
    if (failure instanceof StreamResetException) {
      // Our own reset (an HTTP/1.1 upstream has no streams to reset): the client's body broke off (bad chunk
      // framing, a dropped client), or the client's response failed — an HTTP/2 client reset its stream or
      // closed its connection — and vertx-http-proxy reset the upstream request. The upstream connection holds
      // half an exchange, so it goes; the client is at fault, so nothing is logged as 502.
      clientAborted = true;
      lease.discard(null);
      return Future.failedFuture(failure);
    }
    if (failure instanceof TimeoutException) {
      return UpstreamSendFailures.noResponse(lease, responseTimeoutMillis, failure);
    }
    if (lease.reused() && !retried && bodiless && idempotent(request.method())) {
      retried = true;
      // A server that refuses the fresh connection too (it went away) is left for another, as nginx's
      // proxy_next_upstream does; the refused connect has counted against it.
      return lease.retryOnFreshConnection().recover(refused -> upstream.acquire(request)).compose(this::send);
    }
    return UpstreamSendFailures.brokeOff(lease, failure);
  }

  private Future<Void> respond(ProxyResponse proxyResponse) {
    int status = proxyResponse.getStatusCode();
    lease.responded(status);
    trace.responded(status);
    if (body != null) {
      // An early answer (a 413, say) may leave the body unread: that is no stall.
      body.answered();
    }
    if (proxyResponse.getStatusCode() == 101) {
      // A switch nobody asked for (upgrades that pass through are UpgradeExchange's): the connection now speaks
      // an unknown protocol, and a 101 relayed as a response would leave the client stranded.
      return UpstreamSendFailures.badSwitch(lease, "to a request that asked for no upgrade");
    }
    return new ResponseRelay(request, lease, upstreamRequest, compression).relay(proxyResponse.proxiedResponse());
  }

  private Future<Void> fail(Throwable failure) {
    if (body != null) {
      body.finish();
    }
    if (lease != null) {
      lease.discard(null);
    } else {
      trace.unreached(upstreamName(), failure instanceof UpstreamFailure typed ? typed.server() : null);
    }
    if (clientAborted) {
      LOG.log(Level.FINE, "client request body broke off", failure);
      ClientCut.cut(request);
      return Future.succeededFuture();
    }
    return ErrorReply.send(request, upstream, lease, failure);
  }

  private static void upstreamRequestFailed(Throwable failure) {
    LOG.log(Level.FINE, "upstream request failed", failure);
  }

  private static boolean idempotent(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
        || method == HttpMethod.PUT || method == HttpMethod.DELETE || method == HttpMethod.TRACE;
  }
}

package io.holdfast.proxy;

import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamLease;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.streams.Pipe;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One forwarded request, start to end, on the client connection's event loop: acquire a lease, send
 * through vertx-http-proxy's {@link ProxyRequest}, stream the response back, hand the connection back to
 * the pool (or discard it). One flat future chain; every failure ends in {@link ErrorReply}.
 */
final class Exchange {

  private static final Logger LOG = Logger.getLogger(Exchange.class.getName());
  /** Largest body read whole before it is sent (nginx buffers up to 8 × 4 KiB by default, then streams). */
  static final int ONE_WRITE_MAX_BODY = 32 * 1024;

  private final HttpServerRequest request;
  private final UpstreamGroup upstream;
  private final ProxyRequest proxyRequest;
  private final boolean bodiless;
  private final String proxyAuthorization;
  private final boolean expectContinue;
  private final RequestOptions options;
  private UpstreamLease lease;
  private HttpClientRequest upstreamRequest;
  private boolean retried;
  private boolean clientAborted;

  Exchange(HttpServerRequest request, UpstreamGroup upstream, String hostOverride, RequestOptions options) {
    this.request = request;
    this.upstream = upstream;
    this.proxyRequest = ProxyRequest.reverseProxy(request);
    MultiMap headers = proxyRequest.headers();
    String connection = headers.get(HttpHeaders.CONNECTION);
    String authorization = headers.get(HttpHeaders.PROXY_AUTHORIZATION);
    // Like nginx, the proxy answers Expect itself (when ready to read the body) and does not pass it on.
    this.expectContinue = headers.contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true);
    headers.remove(HttpHeaders.EXPECT);
    // vertx-http-proxy drops Proxy-Authorization; nginx forwards it unless Connection names it.
    this.proxyAuthorization = authorization != null
        && (connection == null || !HopByHop.namedIn(connection, "proxy-authorization")) ? authorization : null;
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
    if (bodiless) {
      // Sent with end(): the request stream is never piped, so a retry can send it again.
      proxyRequest.setBody(null);
      request.resume();
    }
    this.options = options;
  }

  Future<Void> run() {
    return upstream.acquire()
        .compose(this::send)
        .compose(this::respond)
        .recover(this::fail);
  }

  private Future<ProxyResponse> send(UpstreamLease leased) {
    this.lease = leased;
    return leased.connection().request(options)
        .compose(this::sendOn)
        .recover(this::retryOrFail);
  }

  private Future<ProxyResponse> sendOn(HttpClientRequest outbound) {
    this.upstreamRequest = outbound;
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
    if (request.response().closed()) {
      lease.discard(null);
      return Future.failedFuture(failure);
    }
    if (failure instanceof StreamResetException && !request.isEnded()) {
      // Our own reset: the client's body broke off (bad chunk framing, a dropped client). The upstream
      // connection holds half a request, so it goes; the client is at fault, so nothing is logged as 502.
      clientAborted = true;
      lease.discard(null);
      return Future.failedFuture(failure);
    }
    if (failure instanceof TimeoutException) {
      lease.discard(failure);
      return Future.failedFuture(new UpstreamFailure(504,
          "no response from " + lease.server().address() + " within " + options.getIdleTimeout() + " ms", failure));
    }
    if (lease.reused() && !retried && bodiless && idempotent(request.method())) {
      retried = true;
      return lease.retryOnFreshConnection().compose(this::send);
    }
    lease.discard(failure);
    return Future.failedFuture(new UpstreamFailure(502,
        "upstream " + lease.server().address() + " failed before a response: " + failure.getMessage(), failure));
  }

  private Future<Void> respond(ProxyResponse proxyResponse) {
    HttpClientResponse inbound = proxyResponse.proxiedResponse();
    if (fitsOneWrite(inbound)) {
      // Head, body and end leave in one write and one flush: half the syscalls of streaming a small body.
      // vertx-http-proxy hands the response over paused.
      Future<Buffer> whole = inbound.body();
      inbound.resume();
      return whole.compose(body -> {
        handBack(inbound, null);
        return writeHead(inbound).end(body);
      }, failure -> {
        // Nothing went to the client yet, so it gets a clean 502 rather than a cut connection.
        lease.discard(failure);
        return Future.failedFuture(new UpstreamFailure(failure instanceof TimeoutException ? 504 : 502,
            "upstream " + lease.server().address() + " broke off the response body: " + failure.getMessage(), failure));
      });
    }
    HttpServerResponse outbound = writeHead(inbound);
    if (!inbound.headers().contains(HttpHeaders.CONTENT_LENGTH) && !bodylessResponse(inbound)) {
      outbound.setChunked(true);
    }
    inbound.end().onComplete(ended -> handBack(inbound, ended.cause()));
    Pipe<Buffer> pipe = inbound.pipe().endOnFailure(false);
    return pipe.to(outbound).recover(this::abort);
  }

  private HttpServerResponse writeHead(HttpClientResponse inbound) {
    HttpServerResponse outbound = request.response();
    outbound.setStatusCode(inbound.statusCode());
    outbound.setStatusMessage(inbound.statusMessage());
    copyResponseHeaders(inbound.headers(), outbound.headers());
    return outbound;
  }

  /** The upstream response was read to its end (or broke): its connection goes back to the pool or away. */
  private void handBack(HttpClientResponse inbound, Throwable failure) {
    if (failure != null) {
      lease.discard(failure);
    } else if (request.isEnded()) {
      lease.release(inbound);
    } else {
      // Answered before the request body was all sent (nginx: request_body_sent): not reusable.
      lease.discard(null);
    }
  }

  /** A body announced with a Content-Length of at most {@link #ONE_WRITE_MAX_BODY} is read whole, then sent. */
  private static boolean fitsOneWrite(HttpClientResponse inbound) {
    String length = inbound.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || length.isEmpty() || length.length() > 6) {
      return false;
    }
    for (int i = 0; i < length.length(); i++) {
      if (length.charAt(i) < '0' || length.charAt(i) > '9') {
        return false;
      }
    }
    return Integer.parseInt(length) <= ONE_WRITE_MAX_BODY;
  }

  /**
   * The head went out, the body broke: a truncated body must not look complete, so the client connection
   * closes; and an upstream response not read to its end cannot go back to the pool.
   */
  private Future<Void> abort(Throwable failure) {
    lease.discard(null);
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
    request.connection().close();
    return Future.failedFuture(failure);
  }

  private Future<Void> fail(Throwable failure) {
    if (lease != null) {
      lease.discard(null);
    }
    if (clientAborted) {
      LOG.log(Level.FINE, "client request body broke off", failure);
      request.connection().close();
      return Future.succeededFuture();
    }
    return ErrorReply.send(request, upstream, lease, failure);
  }

  private static void upstreamRequestFailed(Throwable failure) {
    LOG.log(Level.FINE, "upstream request failed", failure);
  }

  private static void copyResponseHeaders(MultiMap from, MultiMap to) {
    String connection = from.get(HttpHeaders.CONNECTION);
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (HopByHop.fixed(name) || name.equalsIgnoreCase("date")
          || (connection != null && HopByHop.namedIn(connection, name))) {
        continue;
      }
      to.add(name, header.getValue());
    }
    to.set(HttpHeaders.DATE, HttpDate.now());
  }

  private boolean bodylessResponse(HttpClientResponse response) {
    int status = response.statusCode();
    return status < 200 || status == 204 || status == 304 || request.method() == HttpMethod.HEAD;
  }

  private static boolean idempotent(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
        || method == HttpMethod.PUT || method == HttpMethod.DELETE || method == HttpMethod.TRACE;
  }
}

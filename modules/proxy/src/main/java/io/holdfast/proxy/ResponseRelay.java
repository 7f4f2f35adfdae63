package io.holdfast.proxy;

import io.holdfast.proxy.compression.BodyCompressor;
import io.holdfast.proxy.compression.ResponseCompression;
import io.holdfast.upstream.UpstreamFailure;
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
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.WriteStream;

import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The response half of an {@link Exchange}: the upstream's head with hop-by-hop headers stripped and
 * Holdfast's own {@code Date}, then the body — read whole and sent with the head in one write when it is
 * small and announced, piped with back-pressure otherwise — and the upstream connection handed back.
 * The listener's {@link ResponseCompression} decides per response whether the body goes compressed.
 */
final class ResponseRelay {

  /** Largest body read whole before it is sent (nginx buffers up to 8 × 4 KiB by default, then streams). */
  static final int ONE_WRITE_MAX_BODY = 32 * 1024;

  private final HttpServerRequest request;
  private final UpstreamLease lease;
  private final HttpClientRequest upstreamRequest;
  private final ResponseCompression compression;
  /** False when the upstream connection cannot carry another request, however the response ends. */
  private final boolean reusable;

  ResponseRelay(HttpServerRequest request, UpstreamLease lease, HttpClientRequest upstreamRequest,
                ResponseCompression compression) {
    this(request, lease, upstreamRequest, compression, true);
  }

  ResponseRelay(HttpServerRequest request, UpstreamLease lease, HttpClientRequest upstreamRequest,
                ResponseCompression compression, boolean reusable) {
    this.request = request;
    this.lease = lease;
    this.upstreamRequest = upstreamRequest;
    this.compression = compression;
    this.reusable = reusable;
  }

  Future<Void> relay(HttpClientResponse inbound) {
    if (fitsOneWrite(inbound)) {
      // Head, body and end leave in one write and one flush: half the syscalls of streaming a small body.
      // vertx-http-proxy hands the response over paused.
      Future<Buffer> whole = inbound.body();
      inbound.resume();
      return whole.compose(body -> {
        handBack(inbound, null);
        HttpServerResponse outbound = writeHead(inbound);
        BodyCompressor compressor = compression.negotiate(request, inbound.statusCode(), outbound.headers());
        return outbound.end(compressor == null ? body : compressor.whole(body, outbound.headers()));
      }, failure -> {
        // Nothing went to the client yet, so it gets a clean 502 (504 on a stall) rather than a cut connection.
        lease.discard(upstreamFault(failure));
        return Future.failedFuture(new UpstreamFailure(failure instanceof TimeoutException ? 504 : 502,
            "upstream " + lease.server().address() + " broke off the response body: " + failure.getMessage(), failure));
      });
    }
    HttpServerResponse outbound = writeHead(inbound);
    BodyCompressor compressor = compression.negotiate(request, inbound.statusCode(), outbound.headers());
    if (!outbound.headers().contains(HttpHeaders.CONTENT_LENGTH) && !bodyless(inbound)) {
      outbound.setChunked(true);
    }
    inbound.end().onComplete(ended -> handBack(inbound, ended.cause()));
    Pipe<Buffer> pipe = inbound.pipe().endOnFailure(false);
    WriteStream<Buffer> sink = compressor == null ? outbound : compressor.into(outbound);
    return pipe.to(sink).recover(failure -> {
      if (compressor != null) {
        compressor.discard();
      }
      return abort(failure);
    });
  }

  private HttpServerResponse writeHead(HttpClientResponse inbound) {
    HttpServerResponse outbound = request.response();
    outbound.setStatusCode(inbound.statusCode());
    outbound.setStatusMessage(inbound.statusMessage());
    copyHeaders(inbound.headers(), outbound.headers());
    String stickyCookie = lease.stickyCookie();
    if (stickyCookie != null) {
      outbound.headers().add(HttpHeaders.SET_COOKIE, stickyCookie);
    }
    return outbound;
  }

  /** The upstream response was read to its end (or broke): its connection goes back to the pool or away. */
  private void handBack(HttpClientResponse inbound, Throwable failure) {
    if (failure != null) {
      lease.discard(upstreamFault(failure));
    } else if (request.isEnded() && reusable) {
      lease.release(inbound);
    } else {
      // Answered before the request body was all sent (nginx: request_body_sent): not reusable.
      lease.discard(null);
    }
  }

  /**
   * The head went out, the body broke: a truncated body must not look complete, so the client connection
   * closes; and an upstream response not read to its end cannot go back to the pool.
   */
  private Future<Void> abort(Throwable failure) {
    lease.discard(upstreamFault(failure));
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
    ClientCut.cut(request);
    return Future.failedFuture(failure);
  }

  /**
   * {@code failure} when it is the upstream's doing, null when the client went first (closed, or was
   * closed for a client timeout): the reset that follows a client's departure is no upstream failure.
   * A write to a closed client connection fails before Vert.x marks the response closed, hence the check
   * of the failure itself.
   */
  private Throwable upstreamFault(Throwable failure) {
    if (request.response().closed()) {
      return null;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClosedChannelException) {
        return null;
      }
    }
    return failure;
  }

  /** A body announced with a Content-Length of at most {@link #ONE_WRITE_MAX_BODY}. */
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

  private static void copyHeaders(MultiMap from, MultiMap to) {
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

  private boolean bodyless(HttpClientResponse response) {
    int status = response.statusCode();
    return status < 200 || status == 204 || status == 304 || request.method() == HttpMethod.HEAD;
  }
}

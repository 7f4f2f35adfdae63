package io.holdfast.listener.connection;

import io.holdfast.accesslog.AccessLog;
import io.holdfast.accesslog.AccessRecord;
import io.holdfast.listener.framing.RawAnswer;
import io.holdfast.proxy.ExchangeTrace;
import io.holdfast.upstream.UpstreamLease;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;

/**
 * One request's way into the access log, made only while the log is on: the exchange reports its upstream
 * side here as it goes, and when the client response ends (or the connection closes under it) this, as the
 * response's end handler, reads the rest from the request and response and queues one {@link AccessRecord}.
 * Event-loop confined; nothing is formatted here.
 */
final class RequestTrail implements ExchangeTrace, Handler<Void> {

  /** nginx's status for a request whose client went before any response was sent. */
  static final int CLIENT_CLOSED = 499;

  private final String listener;
  private final HttpServerRequest request;
  private final boolean requestLineRead;
  private final long startedAt;
  private final AccessLog log;
  /** The connection's own end handler, run first; null for a refused head (no exchange counted). */
  private final Handler<Void> then;
  private String upstream;
  private UpstreamLease lease;
  private String unreachedServer;
  private int upstreamStatus;
  private RawAnswer rawAnswer;

  RequestTrail(String listener, HttpServerRequest request, boolean requestLineRead, long startedAt, AccessLog log,
               Handler<Void> then) {
    this.listener = listener;
    this.request = request;
    this.requestLineRead = requestLineRead;
    this.startedAt = startedAt;
    this.log = log;
    this.then = then;
  }

  @Override
  public void leased(String upstream, UpstreamLease lease) {
    this.upstream = upstream;
    this.lease = lease;
  }

  @Override
  public void unreached(String upstream, String server) {
    this.upstream = upstream;
    this.unreachedServer = server;
  }

  @Override
  public void responded(int status) {
    upstreamStatus = status;
  }

  /** The request was answered past Vert.x (a 408 or 400 while its body arrived), then the connection closed. */
  void answeredRaw(RawAnswer answer) {
    rawAnswer = answer;
  }

  @Override
  public void handle(Void ended) {
    if (then != null) {
      then.handle(null);
    }
    log.log(record(System.nanoTime(), System.currentTimeMillis()));
  }

  private AccessRecord record(long now, long nowMillis) {
    HttpServerResponse response = request.response();
    int status;
    long bytes;
    if (rawAnswer != null) {
      status = rawAnswer.status();
      bytes = rawAnswer.bodyLength();
    } else if (response.ended() || response.headWritten()) {
      status = response.getStatusCode();
      bytes = response.bytesWritten();
    } else {
      status = CLIENT_CLOSED;
      bytes = 0;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      authorization = null;
    }
    String server = lease != null ? lease.server().address() : unreachedServer;
    int reused = lease != null ? (lease.reused() ? AccessRecord.REUSED : AccessRecord.FRESH)
        : unreachedServer != null ? AccessRecord.FRESH : AccessRecord.NO_UPSTREAM;
    return new AccessRecord(listener, nowMillis, address(request.remoteAddress()), authorization,
        requestLineRead ? request.method().name() : null, requestLineRead ? request.uri() : null,
        protocol(request.version()), status,
        bytes, request.getHeader(HttpHeaders.REFERER), request.getHeader(HttpHeaders.USER_AGENT), now - startedAt,
        upstream, server, reused, lease != null ? lease.connectNanos() : -1,
        lease != null ? lease.responseNanos(now) : -1, upstreamStatus);
  }

  /** A line for an answer with no request behind it: a head that never completed (408). */
  static AccessRecord headless(String listener, HttpConnection connection, RawAnswer answer, long startedAt) {
    return new AccessRecord(listener, System.currentTimeMillis(), address(connection.remoteAddress()), null, null,
        null, null, answer.status(), answer.bodyLength(), null, null, System.nanoTime() - startedAt, null, null,
        AccessRecord.NO_UPSTREAM, -1, -1, 0);
  }

  private static String address(SocketAddress address) {
    return address == null ? null : address.hostAddress();
  }

  private static String protocol(HttpVersion version) {
    if (version == null) {
      return null;
    }
    return switch (version) {
      case HTTP_1_0 -> "HTTP/1.0";
      case HTTP_1_1 -> "HTTP/1.1";
      case HTTP_2 -> "HTTP/2.0";
    };
  }
}

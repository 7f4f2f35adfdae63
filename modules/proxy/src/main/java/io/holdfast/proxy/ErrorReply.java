package io.holdfast.proxy;

import io.holdfast.upstream.UpstreamFailure;
import io.holdfast.upstream.UpstreamGroup;
import io.holdfast.upstream.UpstreamLease;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.logging.Logger;

/**
 * The client's answer when the upstream gave none: a short text body with its status, logged with the
 * upstream, server and reason (at WARNING at most once a second, see {@link FailureLog}). When the head already went out the connection closes
 * instead, so a client never mistakes a broken body for a complete one.
 */
final class ErrorReply {

  private static final FailureLog FAILURES = new FailureLog(Logger.getLogger(ErrorReply.class.getName()));
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain; charset=utf-8");

  private ErrorReply() {
  }

  static Future<Void> send(HttpServerRequest request, UpstreamGroup upstream, UpstreamLease lease,
      Throwable failure) {
    HttpServerResponse response = request.response();
    if (response.closed() || response.ended()) {
      return Future.failedFuture(failure);
    }
    if (response.headWritten()) {
      ClientCut.cut(request);
      return Future.failedFuture(failure);
    }
    int status = failure instanceof UpstreamFailure typed ? typed.status() : 502;
    String server = lease != null ? lease.server().address() : "-";
    String name = upstream != null ? upstream.config().name() : "-";
    FAILURES.warn(() -> request.method() + " " + request.uri() + " -> upstream " + name + " server " + server + ": "
        + failure.getMessage() + " (" + status + ")");
    if (!request.isEnded()) {
      // Let the unsent request body drain so the client connection stays usable.
      request.resume();
    }
    // A fresh buffer per reply: error replies are rare, and a shared one would be shared across event loops.
    String reason = failure instanceof UpstreamFailure typed && typed.shownToClient() ? failure.getMessage() + "\n" : "";
    Buffer body = Buffer.buffer((status == 503 ? "503 Service Unavailable\n"
        : status == 504 ? "504 Gateway Timeout\n" : "502 Bad Gateway\n") + reason);
    response.setStatusCode(status == 503 || status == 504 ? status : 502);
    response.headers().clear();
    response.putHeader(HttpHeaders.CONTENT_TYPE, TEXT);
    response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
    return response.end(body);
  }
}

package io.holdfast.listener.connection;

import io.holdfast.listener.h2.StreamCut;
import io.netty.handler.codec.http2.Http2Error;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import java.util.logging.Logger;

/**
 * {@code bodyTimeout} and {@code sendTimeout} on the streams of an HTTP/2 connection: the stream is cut, the
 * connection and its other streams go on. A stalled body whose response has not started is answered
 * {@code 408} on its stream (then RST_STREAM(NO_ERROR), so the client stops sending); otherwise, and for a
 * response the client's window keeps stuck, RST_STREAM(CANCEL). The exchange sees its stream close and lets
 * the upstream connection go unblamed, as for an HTTP/1.x client that is cut.
 */
final class StreamTimeouts {

  private static final Logger LOG = Logger.getLogger(StreamTimeouts.class.getName());
  private static final String REQUEST_TIMEOUT = "408 Request Timeout\n";

  private StreamTimeouts() {
  }

  /** Cuts {@code state}'s expired streams at {@code now}, counting them in {@code cuts} ([body, send]). */
  static void cut(ConnectionState state, long now, long[] cuts) {
    ClientLimits limits = state.limits;
    for (StreamCut cut : state.h2.expiredStreams(now, limits.bodyTimeoutNanos(), limits.sendTimeoutNanos())) {
      LOG.fine(() -> "HTTP/2 stream " + cut.streamId() + " of " + state.connection.remoteAddress() + ": " + cut.kind());
      HttpServerResponse response = cut.response();
      if (cut.kind() == StreamCut.Kind.BODY) {
        cuts[0]++;
        if (response != null && !response.headWritten() && !response.closed()) {
          response.setStatusCode(408)
              .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
              .end(REQUEST_TIMEOUT)
              .onComplete(done -> state.h2.reset(cut.streamId(), Http2Error.NO_ERROR));
          continue;
        }
      } else {
        cuts[1]++;
      }
      state.h2.reset(cut.streamId(), Http2Error.CANCEL);
    }
  }
}

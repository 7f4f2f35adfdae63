package io.holdfast.listener.framing;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;

import java.util.logging.Logger;

/**
 * The answer to a request head that failed to decode or was refused: its status with a short text body,
 * {@code Connection: close}, then the close (RFC 9112 §9.6: after a framing error the rest of the
 * connection is unreadable). One WARNING line per refusal, at most one a second per listener and event
 * loop, never a stack trace: hostile input is the client's fault, and a flood must not flood the log.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  private static final Logger LOG = Logger.getLogger(InvalidRequests.class.getName());
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain; charset=utf-8");

  private final String listener;
  private final LogThrottle throttle = new LogThrottle(1_000_000_000L);
  /** The listener's Strict-Transport-Security value, on refusals too; null: none. */
  private volatile String hsts;

  public InvalidRequests(String listener) {
    this.listener = listener;
  }

  /** The {@code Strict-Transport-Security} value refusals carry from now on (null: none). */
  public void hsts(String value) {
    this.hsts = value;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = status(cause);
    log(request, status, cause);
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      request.connection().close();
      return;
    }
    Buffer body = Buffer.buffer(status + " " + phrase(status) + "\n");
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, TEXT)
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    if (hsts != null) {
      response.putHeader("strict-transport-security", hsts);
    }
    response.end(body)
        .onComplete(written -> request.connection().close());
  }

  /**
   * Answers an HTTP/2 stream whose request Holdfast refuses ({@code 414}) and logs it like a refused head. Only the stream ends: HTTP/2
   * frames each request, so the connection's framing is not in doubt.
   */
  public Future<Void> refusedStream(HttpServerRequest request, int status) {
    log(request, status, null);
    Buffer body = Buffer.buffer(status + " " + phrase(status) + "\n");
    return request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, TEXT)
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
        .end(body);
  }

  /** Logs an HTTP/2 request refused as malformed (a stream error), throttled like a refused head. */
  public void refusedStream(HttpConnection connection, String reason) {
    long suppressed = throttle.tryLog(System.nanoTime());
    if (suppressed >= 0) {
      SocketAddress from = connection.remoteAddress();
      LOG.warning(() -> "listener " + listener + ": refused HTTP/2 request from " + (from == null ? "-" : from.hostAddress())
          + " (RST_STREAM PROTOCOL_ERROR): " + reason + (suppressed > 0 ? " (" + suppressed + " more since the last line)" : ""));
    }
  }

  /**
   * Logs a request body whose chunked framing broke mid-request (a bad chunk size, an oversize chunk line,
   * a bare LF), throttled like a refused head; the caller answers or closes.
   */
  public void brokenBody(HttpConnection connection, Throwable failure) {
    long suppressed = throttle.tryLog(System.nanoTime());
    if (suppressed >= 0) {
      SocketAddress from = connection.remoteAddress();
      LOG.warning(() -> "listener " + listener + ": refused request from " + (from == null ? "-" : from.hostAddress())
          + " mid-request: broken body framing: " + failure.getMessage()
          + (suppressed > 0 ? " (" + suppressed + " more since the last line)" : ""));
    }
  }

  /**
   * Whether a refused request's line was read: false for the stand-in Netty makes when it could not read one
   * (too long, garbage), whose method and target are not the client's. The stand-in's target is one string
   * instance, so a real request for the same path is not mistaken for it.
   */
  public static boolean requestLineRead(HttpServerRequest request) {
    return !(request.decoderResult().cause() instanceof TooLongHttpLineException)
        && request.uri() != StrictRequestDecoder.STAND_IN_URI;
  }

  static int status(Throwable cause) {
    if (cause instanceof RejectedRequestException rejected) {
      return rejected.rejection().status();
    }
    if (cause instanceof TooLongHttpLineException) {
      return 414;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return 431;
    }
    return 400;
  }

  private static String phrase(int status) {
    return switch (status) {
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      default -> "Bad Request";
    };
  }

  private void log(HttpServerRequest request, int status, Throwable cause) {
    long suppressed = throttle.tryLog(System.nanoTime());
    if (suppressed < 0) {
      return;
    }
    SocketAddress from = request.remoteAddress();
    String reason = cause != null ? cause.getMessage()
        : request.version() == io.vertx.core.http.HttpVersion.HTTP_2 ? ":path longer than maxUriLength"
        : "invalid request";
    LOG.warning(() -> "listener " + listener + ": refused request from " + (from == null ? "-" : from.hostAddress())
        + " with " + status + ": " + reason + (suppressed > 0 ? " (" + suppressed + " more since the last line)" : ""));
  }
}

package io.holdfast.upstream.pool;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;

/**
 * Whether a fully read response leaves its connection fit for another request, and how long the
 * upstream promised to keep it open ({@code Keep-Alive: timeout=N}).
 */
final class ReuseRules {

  /** Subtracted from an announced keep-alive timeout: 10 %, at least this much. */
  static final long MIN_KEEPALIVE_MARGIN_NANOS = 200_000_000L;

  private ReuseRules() {
  }

  /** Exact framing and no close requested: {@code Content-Length}, chunked, or no body by rule. */
  static boolean reusable(HttpClientResponse response) {
    String connection = response.getHeader(HttpHeaders.CONNECTION);
    if (response.version() == HttpVersion.HTTP_1_0) {
      if (connection == null || !containsToken(connection, "keep-alive")) {
        return false;
      }
    } else if (connection != null && containsToken(connection, "close")) {
      return false;
    }
    return bodyless(response) || response.getHeader(HttpHeaders.CONTENT_LENGTH) != null
        || chunked(response.getHeader(HttpHeaders.TRANSFER_ENCODING));
  }

  /**
   * The instant after which the connection must not be reused given the response's
   * {@code Keep-Alive: timeout=N}; {@link Long#MAX_VALUE} when there is none, and {@code now} (retire at
   * once) when the timeout is too short to leave a safe margin.
   */
  static long keepAliveDeadline(HttpClientResponse response, long now) {
    return keepAliveDeadline(announcedTimeoutSeconds(response), now);
  }

  /** The same from the announced timeout in seconds ({@link #announcedTimeoutSeconds}); -1: none. */
  static long keepAliveDeadline(long seconds, long now) {
    if (seconds < 0) {
      return Long.MAX_VALUE;
    }
    long announced = seconds * 1_000_000_000L;
    long margin = Math.max(announced / 10, MIN_KEEPALIVE_MARGIN_NANOS);
    return announced <= margin ? now : now + announced - margin;
  }

  /** The response's {@code Keep-Alive: timeout=N} in seconds, or -1 when it announces none. */
  static long announcedTimeoutSeconds(HttpClientResponse response) {
    String keepAlive = response.getHeader(HttpHeaders.KEEP_ALIVE);
    return keepAlive == null ? -1 : timeoutSeconds(keepAlive);
  }

  static long timeoutSeconds(String keepAlive) {
    int at = indexOfIgnoreCase(keepAlive, "timeout");
    if (at < 0) {
      return -1;
    }
    int i = at + "timeout".length();
    while (i < keepAlive.length() && (keepAlive.charAt(i) == ' ' || keepAlive.charAt(i) == '=')) {
      i++;
    }
    long value = 0;
    int digits = 0;
    while (i < keepAlive.length() && Character.isDigit(keepAlive.charAt(i)) && digits < 10) {
      value = value * 10 + (keepAlive.charAt(i++) - '0');
      digits++;
    }
    return digits == 0 ? -1 : value;
  }

  private static boolean bodyless(HttpClientResponse response) {
    int status = response.statusCode();
    return status < 200 || status == 204 || status == 304 || response.request().getMethod() == HttpMethod.HEAD;
  }

  private static boolean chunked(String transferEncoding) {
    return transferEncoding != null && containsToken(transferEncoding, "chunked");
  }

  private static boolean containsToken(String value, String token) {
    return indexOfIgnoreCase(value, token) >= 0;
  }

  private static int indexOfIgnoreCase(String value, String token) {
    int last = value.length() - token.length();
    for (int i = 0; i <= last; i++) {
      if (value.regionMatches(true, i, token, 0, token.length())) {
        return i;
      }
    }
    return -1;
  }
}

package io.holdfast.listener.framing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The framing rules Netty's decoder does not enforce itself (it already refuses malformed, negative or
 * repeated Content-Length, whitespace before a colon, control bytes in values, oversize lines and heads).
 * Runs once per request head; no allocation and no regex on the valid path.
 */
public final class RequestValidator {

  private RequestValidator() {
  }

  /**
   * The rejection for {@code message}, or null when it may pass. {@code hostLines} and
   * {@code transferEncodingLines} count header lines as received, before any merging.
   */
  public static Rejection check(HttpMessage message, int hostLines, int transferEncodingLines) {
    HttpHeaders headers = message.headers();
    boolean http10 = message.protocolVersion() == HttpVersion.HTTP_1_0;
    if (transferEncodingLines > 0) {
      if (http10) {
        // RFC 9112 §6.1: an HTTP/1.0 recipient cannot be trusted to have framed the body this way.
        return Rejection.TRANSFER_ENCODING_ON_HTTP_1_0;
      }
      if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
        // Netty would drop Content-Length and keep going; a hop before us may have used it instead.
        return Rejection.TRANSFER_ENCODING_WITH_CONTENT_LENGTH;
      }
      if (transferEncodingLines > 1) {
        return Rejection.DUPLICATE_TRANSFER_ENCODING;
      }
      String coding = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
      if (coding == null || !"chunked".equalsIgnoreCase(coding.trim())) {
        // Like nginx: a proxy that re-frames the body need not understand more, and must not guess.
        return Rejection.UNKNOWN_TRANSFER_ENCODING;
      }
    }
    if (hostLines > 1) {
      return Rejection.DUPLICATE_HOST;
    }
    if (hostLines == 0 && !http10) {
      return Rejection.MISSING_HOST;
    }
    return null;
  }
}

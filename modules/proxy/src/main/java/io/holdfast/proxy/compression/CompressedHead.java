package io.holdfast.proxy.compression;

import io.holdfast.config.ContentCoding;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.List;

/** The response head edits that go with compression, as nginx's gzip filter makes them. */
final class CompressedHead {

  private static final String ACCEPT_ENCODING = "Accept-Encoding";

  private CompressedHead() {
  }

  /**
   * Adds {@code Accept-Encoding} to {@code Vary}, merged into the upstream's own value (one header line);
   * nothing when it is there already or the upstream says {@code Vary: *}.
   */
  static void varyOnAcceptEncoding(MultiMap headers) {
    List<String> vary = headers.getAll(HttpHeaders.VARY);
    if (vary.isEmpty()) {
      headers.set(HttpHeaders.VARY, ACCEPT_ENCODING);
      return;
    }
    for (String line : vary) {
      if (hasToken(line, "*") || hasToken(line, ACCEPT_ENCODING)) {
        return;
      }
    }
    headers.set(HttpHeaders.VARY, String.join(", ", vary) + ", " + ACCEPT_ENCODING);
  }

  /**
   * The head of a body about to be compressed with {@code coding}: its length and byte ranges are no longer
   * the upstream's, and a strong validator would now be wrong (RFC 9110 §8.8.1): {@code "x"} becomes
   * {@code W/"x"}, a malformed one is dropped (nginx's {@code ngx_http_weak_etag}).
   */
  static void compressedWith(ContentCoding coding, MultiMap headers) {
    headers.set(HttpHeaders.CONTENT_ENCODING, coding.key());
    headers.remove(HttpHeaders.CONTENT_LENGTH);
    headers.remove(HttpHeaders.ACCEPT_RANGES);
    String etag = headers.get(HttpHeaders.ETAG);
    if (etag != null && !etag.startsWith("W/")) {
      if (etag.startsWith("\"")) {
        headers.set(HttpHeaders.ETAG, "W/" + etag);
      } else {
        headers.remove(HttpHeaders.ETAG);
      }
    }
  }

  /** Whether a comma-separated header value lists {@code token} (case-insensitive). */
  static boolean hasToken(String value, String token) {
    int at = 0;
    while (at <= value.length()) {
      int end = value.indexOf(',', at);
      if (end < 0) {
        end = value.length();
      }
      String item = value.substring(at, end).trim();
      int equals = item.indexOf('=');
      if ((equals < 0 ? item : item.substring(0, equals).trim()).equalsIgnoreCase(token)) {
        return true;
      }
      at = end + 1;
    }
    return false;
  }
}

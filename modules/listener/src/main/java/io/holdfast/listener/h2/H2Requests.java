package io.holdfast.listener.h2;

import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Map;

/**
 * An HTTP/2 request checked and turned into the HTTP/1.1 request the upstream gets (RFC 9113 §8.2, §8.3;
 * the h2→h1 rules desync scanners probe). Netty and Vert.x already refuse uppercase names, unknown or
 * misplaced pseudo-headers, a {@code host} that differs from {@code :authority}, and a {@code content-length}
 * the DATA frames do not add up to (stream errors). What is left is checked here, before anything is
 * forwarded: a {@code :path} or header value that could break an HTTP/1.1 line, connection-specific headers,
 * {@code te} other than {@code trailers}, a {@code :method} that is not a token. Allowed requests are translated: a body without
 * {@code content-length} goes upstream chunked, split {@code cookie} fields are joined (RFC 9113 §8.2.3).
 */
public final class H2Requests {

  private static final List<String> CONNECTION_SPECIFIC =
      List.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

  private H2Requests() {
  }

  /**
   * Why {@code headers} (a request's, as HPACK decoded them) is malformed, or null. Run on every request
   * HEADERS before Vert.x sees them, so a malformed request becomes a stream error (RST_STREAM PROTOCOL_ERROR,
   * RFC 9113 §8.1.1) and never reaches the upstream.
   */
  public static String malformed(Http2Headers headers) {
    for (Map.Entry<CharSequence, CharSequence> header : headers) {
      CharSequence name = header.getKey();
      CharSequence value = header.getValue();
      if (name.length() > 0 && name.charAt(0) == ':') {
        if (AsciiString.contentEquals(name, ":method") && !token(value)) {
          return "a :method that is not a token";
        }
        if (AsciiString.contentEquals(name, ":path") && !visible(value)) {
          return "a :path with a space, control or non-ASCII byte";
        }
        continue;
      }
      if (!token(name)) {
        return "a header name that is not a token";
      }
      if (!fieldValue(value)) {
        return "a header value with CR, LF, NUL or another control byte, or edge whitespace";
      }
      if (CONNECTION_SPECIFIC.contains(name.toString())) {
        return "the connection-specific header " + name;
      }
      if (AsciiString.contentEquals(name, "te") && !AsciiString.contentEqualsIgnoreCase(value, "trailers")) {
        return "te other than trailers";
      }
    }
    return null;
  }

  /**
   * Gives the request the HTTP/1.1 framing it lacks: a body without {@code content-length} is sent chunked
   * (vertx-http-proxy 5.0.10 otherwise sends none of it — it frames by the client's own
   * {@code transfer-encoding}, which HTTP/2 has not; fixed in 5.1.0), and several {@code cookie} fields become
   * one, as an HTTP/1.1 server expects.
   */
  public static void translate(HttpServerRequest request, boolean hasBody) {
    MultiMap headers = request.headers();
    if (hasBody && !headers.contains(HttpHeaders.CONTENT_LENGTH)) {
      headers.set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
    }
    List<String> cookies = headers.getAll(HttpHeaders.COOKIE);
    if (cookies.size() > 1) {
      headers.set(HttpHeaders.COOKIE, String.join("; ", cookies));
    }
  }

  /** Visible ASCII only: no space, control byte or byte above 0x7e can reach an HTTP/1.1 request line. */
  private static boolean visible(CharSequence s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9110 token: what a method or field name may be made of. */
  private static boolean token(CharSequence s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9110 field-value: no CR, LF, NUL or other control byte but HTAB; no leading or trailing whitespace. */
  private static boolean fieldValue(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return false;
      }
    }
    return s.isEmpty() || !isSpace(s.charAt(0)) && !isSpace(s.charAt(s.length() - 1));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}

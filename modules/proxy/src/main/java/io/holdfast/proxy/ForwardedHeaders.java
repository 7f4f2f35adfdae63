package io.holdfast.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.List;

/** The headers a proxy adds so the upstream knows who asked: as nginx's usual {@code proxy_set_header}s. */
final class ForwardedHeaders {

  static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("x-forwarded-for");
  static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("x-forwarded-proto");
  static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("x-forwarded-host");
  static final CharSequence VIA = HttpHeaders.createOptimized("via");
  static final String VIA_VALUE = "1.1 holdfast";
  private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
  private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");

  private ForwardedHeaders() {
  }

  /**
   * Adds X-Forwarded-For (appended, like {@code $proxy_add_x_forwarded_for}), X-Forwarded-Proto,
   * X-Forwarded-Host (the client's Host; an HTTP/2 client's {@code :authority}) and Via (appended) to
   * {@code headers}, a copy of the client's. X-Forwarded-Proto says {@code https} when the client spoke TLS.
   */
  static void add(MultiMap headers, HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    String client = remote != null && remote.host() != null ? remote.host() : "unknown";
    headers.set(X_FORWARDED_FOR, appended(headers, X_FORWARDED_FOR, client));
    headers.set(X_FORWARDED_PROTO, request.isSSL() ? HTTPS : HTTP);
    String host = request.getHeader(HttpHeaders.HOST);
    if (host == null && request.authority() != null) {
      host = request.authority().toString();
    }
    if (host != null) {
      headers.set(X_FORWARDED_HOST, host);
    }
    headers.set(VIA, appended(headers, VIA, VIA_VALUE));
  }

  /** {@code value} after every existing value of {@code name}; no list is built in the usual case. */
  private static String appended(MultiMap headers, CharSequence name, String value) {
    if (headers.get(name) == null) {
      return value;
    }
    List<String> existing = headers.getAll(name);
    return String.join(", ", existing) + ", " + value;
  }
}

package io.holdfast.listener.plane;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * {@code redirectHttps}: every request on a plain listener gets {@code 301} to the same path and query on
 * {@code https://<host>:<port>}, the host being the request's own without its port ({@code :443} left out),
 * as nginx's {@code return 301 https://$host$request_uri;}. A request without a usable {@code Host} cannot be
 * sent anywhere: {@code 400}.
 */
final class HttpsRedirect {

  private static final String MOVED = "301 Moved Permanently\n";
  private static final String NO_HOST = "400 Bad Request\nno Host to redirect to\n";

  private HttpsRedirect() {
  }

  static void answer(HttpServerRequest request, int port) {
    HostAndPort authority = request.authority();
    if (authority == null || authority.host() == null || authority.host().isEmpty()) {
      text(request, 400, NO_HOST).end(NO_HOST);
      return;
    }
    text(request, 301, MOVED)
        .putHeader(HttpHeaders.LOCATION, location(authority.host(), port, request.path(), request.query()))
        .end(MOVED);
  }

  static String location(String host, int port, String path, String query) {
    StringBuilder url = new StringBuilder(64).append("https://");
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      url.append('[').append(host).append(']');
    } else {
      url.append(host);
    }
    if (port != 443) {
      url.append(':').append(port);
    }
    url.append(path == null || path.isEmpty() ? "/" : path);
    if (query != null) {
      url.append('?').append(query);
    }
    return url.toString();
  }

  private static io.vertx.core.http.HttpServerResponse text(HttpServerRequest request, int status, String body) {
    return request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(Buffer.buffer(body).length()));
  }
}

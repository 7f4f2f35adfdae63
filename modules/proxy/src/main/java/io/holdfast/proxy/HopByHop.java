package io.holdfast.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): the fixed set plus every header named in {@code Connection}.
 * They describe one connection, so a proxy never forwards them in either direction.
 */
final class HopByHop {

  private static final CharSequence PROXY_CONNECTION = HttpHeaders.createOptimized("proxy-connection");
  private static final CharSequence TE = HttpHeaders.createOptimized("te");
  private static final CharSequence TRAILER = HttpHeaders.createOptimized("trailer");

  private HopByHop() {
  }

  /** Whether {@code name} is hop-by-hop whatever {@code Connection} says. */
  static boolean fixed(String name) {
    switch (name.length()) {
      case 2:
        return name.equalsIgnoreCase("te");
      case 7:
        return name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("trailer");
      case 10:
        return name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 16:
        return name.equalsIgnoreCase("proxy-connection");
      case 17:
        return name.equalsIgnoreCase("transfer-encoding");
      default:
        return false;
    }
  }

  /** Removes every hop-by-hop header from {@code headers} in place. */
  static void strip(MultiMap headers) {
    String connection = headers.get(HttpHeaders.CONNECTION);
    if (connection != null) {
      removeNamedIn(headers, connection);
    }
    headers.remove(HttpHeaders.CONNECTION);
    headers.remove(HttpHeaders.KEEP_ALIVE);
    headers.remove(PROXY_CONNECTION);
    headers.remove(TE);
    headers.remove(TRAILER);
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    headers.remove(HttpHeaders.UPGRADE);
  }

  /**
   * The {@code Proxy-Authorization} to send upstream, or null: vertx-http-proxy drops it; nginx forwards it
   * unless {@code Connection} names it, which makes it hop-by-hop. Read before {@link #strip}.
   */
  static String proxyAuthorizationToForward(MultiMap headers) {
    String authorization = headers.get(HttpHeaders.PROXY_AUTHORIZATION);
    String connection = headers.get(HttpHeaders.CONNECTION);
    return authorization != null && (connection == null || !namedIn(connection, "proxy-authorization"))
        ? authorization : null;
  }

  /** Whether {@code name} appears as a token of the {@code connection} header value. */
  static boolean namedIn(String connection, String name) {
    int start = 0;
    while (start <= connection.length()) {
      int comma = connection.indexOf(',', start);
      int end = comma < 0 ? connection.length() : comma;
      if (connection.substring(start, end).trim().equalsIgnoreCase(name)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static void removeNamedIn(MultiMap headers, String connection) {
    for (String token : connection.split(",")) {
      String name = token.trim();
      if (!name.isEmpty() && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")) {
        headers.remove(name);
      }
    }
  }
}

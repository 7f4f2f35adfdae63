package io.holdfast.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.List;

/**
 * Which requests Holdfast passes through as a protocol switch (WebSocket, or any other HTTP/1.1
 * {@code Upgrade}): a {@code GET} over HTTP/1.1 whose {@code Connection} names {@code upgrade}, with an
 * {@code Upgrade} header that does not ask for {@code h2c} (HTTP/2 to clients is the listener's to speak,
 * not the upstream's, as Envoy and HAProxy treat it) and no {@code Transfer-Encoding} (a chunked body cannot
 * be ended once its upstream request is a tunnel's). Any other request loses its {@code Upgrade} like every
 * hop-by-hop header. The listener's decoder applies the same rule to the raw head, so the two agree on which
 * connections may switch.
 */
public final class UpgradeRequests {

  private UpgradeRequests() {
  }

  /** The rule on a head's parts: {@code connection} holds every {@code Connection} line, {@code upgrade} the first {@code Upgrade}. */
  public static boolean tunnelled(String method, boolean http11, List<String> connection, String upgrade,
                                  boolean transferEncoding) {
    if (!http11 || transferEncoding || upgrade == null || upgrade.isBlank() || !"GET".equals(method)
        || HopByHop.namedIn(upgrade, "h2c")) {
      return false;
    }
    for (String line : connection) {
      if (HopByHop.namedIn(line, "upgrade")) {
        return true;
      }
    }
    return false;
  }

  /** The rule on a request Vert.x decoded; one header lookup for a request without {@code Upgrade}. */
  public static boolean tunnelled(HttpServerRequest request) {
    String upgrade;
    return request.version() == HttpVersion.HTTP_1_1 && request.method() == HttpMethod.GET
        && (upgrade = request.getHeader(HttpHeaders.UPGRADE)) != null
        && tunnelled("GET", true, request.headers().getAll(HttpHeaders.CONNECTION), upgrade,
            request.headers().contains(HttpHeaders.TRANSFER_ENCODING));
  }
}

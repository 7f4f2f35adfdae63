package io.holdfast.proxy;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Ends a client exchange that cannot end well (a response already started and broken, a request given up):
 * an HTTP/1.x client's connection is closed, since the truncated message leaves it unusable; an HTTP/2
 * client's stream alone is reset (RST_STREAM CANCEL), the connection's other streams going on.
 */
public final class ClientCut {

  /** HTTP/2's CANCEL error code. */
  static final long CANCEL = 0x8;

  private ClientCut() {
  }

  public static void cut(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2) {
      request.response().reset(CANCEL);
    } else {
      request.connection().close();
    }
  }
}

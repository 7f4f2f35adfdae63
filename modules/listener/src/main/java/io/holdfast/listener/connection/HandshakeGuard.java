package io.holdfast.listener.connection;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The bound on a TLS connection before Vert.x hands it to the listener. Vert.x calls the connection handler
 * once the TLS handshake is done (bounded by the handshake timeout) and, for HTTP/2, only once the client's
 * SETTINGS are read; until then the sweep cannot see the connection. A TLS listener is therefore bound with
 * Vert.x's idle timeout set to {@code headerTimeout}: a client that goes silent before its SETTINGS is closed.
 * From the connection handler on, the sweep governs and this removes Vert.x's idle handler (it would also cut
 * a slow response, which the client timeouts judge instead).
 */
final class HandshakeGuard {

  /** The name Vert.x 5.0 gives its IdleStateHandler. */
  static final String IDLE_HANDLER = "idle";

  private HandshakeGuard() {
  }

  static void release(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      var pipeline = base.channelHandlerContext().pipeline();
      if (pipeline.get(IDLE_HANDLER) != null) {
        pipeline.remove(IDLE_HANDLER);
      }
    }
  }
}

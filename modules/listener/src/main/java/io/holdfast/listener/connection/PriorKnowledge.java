package io.holdfast.listener.connection;

import io.netty.channel.Channel;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HoldfastH2c;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.HashMap;
import java.util.Map;

/**
 * h2c with prior knowledge on a plain listener with {@code http2: true}: a connection accepted as HTTP/1.x
 * whose first bytes are the HTTP/2 preface is handed to an HTTP/2 handler. Between the switch and the
 * client's SETTINGS (when Vert.x hands the HTTP/2 connection over) the connection keeps its HTTP/1.x state,
 * so the sweep still bounds it by {@code headerTimeout}, and a close meanwhile is counted once. h2c Upgrade
 * ({@code Upgrade: h2c}) is not offered: see docs/http2.md.
 */
final class PriorKnowledge {

  private final Map<Channel, ConnectionState> switching = new HashMap<>();

  /** Switches {@code state}'s connection; its HTTP/2 self will reach {@code connections} after SETTINGS. */
  void begin(ConnectionState state, String origin, Handler<HttpServerRequest> requests,
             Handler<HttpConnection> connections, Handler<ConnectionState> closedBeforeSettings) {
    Channel channel = ((ConnectionBase) state.connection).channel();
    if (!HoldfastH2c.switchToHttp2(state.connection, origin, requests, connections)) {
      channel.close();
      return;
    }
    state.switchedToHttp2 = channel;
    switching.put(channel, state);
    channel.closeFuture().addListener(closed -> {
      if (switching.remove(channel) == state) {
        closedBeforeSettings.handle(state);
      }
    });
  }

  /** The HTTP/1.x state {@code http2} came from, no longer switching; null when it was HTTP/2 from the start. */
  ConnectionState completed(HttpConnection http2) {
    if (switching.isEmpty() || !(http2 instanceof ConnectionBase base)) {
      return null;
    }
    return switching.remove(base.channel());
  }
}

package io.holdfast.upstream;

import io.vertx.core.Handler;

/**
 * The upstream side of a tunnel: what was a leased connection after the upstream answered {@code 101}. It
 * never returns to the pool; its bytes and its end are counted for its server. Event-loop confined.
 */
public interface UpstreamTunnel {

  /** {@code bytes} went from the client to the upstream. */
  void toUpstream(int bytes);

  /** {@code bytes} went from the upstream to the client. */
  void toClient(int bytes);

  /** Called once when the upstream connection has closed, whoever closed it. */
  void closeHandler(Handler<Void> handler);

  /** The tunnel ended for {@code why}; counted once, later calls are ignored. */
  void ended(TunnelEnd why);
}

package io.holdfast.upstream.pool;

import io.holdfast.upstream.TunnelEnd;
import io.holdfast.upstream.UpstreamTunnel;
import io.vertx.core.Handler;

/**
 * A connection that left its {@link ServerPool} as a tunnel. It keeps the pool (so a draining pool stays
 * registered, its counters and connector alive, until its tunnels are gone) and counts into the server's
 * {@link PoolCounters}: plain field increments on the event loop.
 */
final class PoolTunnel implements UpstreamTunnel {

  private final ServerPool pool;
  private final PoolCounters counters;
  private Handler<Void> closeHandler;
  private boolean upstreamClosed;
  private boolean ended;

  PoolTunnel(ServerPool pool) {
    this.pool = pool;
    this.counters = pool.counters;
  }

  @Override
  public void toUpstream(int bytes) {
    counters.tunnelBytesToUpstream += bytes;
  }

  @Override
  public void toClient(int bytes) {
    counters.tunnelBytesToClient += bytes;
  }

  @Override
  public void closeHandler(Handler<Void> handler) {
    this.closeHandler = handler;
    if (upstreamClosed && handler != null) {
      handler.handle(null);
    }
  }

  @Override
  public void ended(TunnelEnd why) {
    if (!ended) {
      ended = true;
      counters.tunnelEnded(why);
      pool.tunnels--;
    }
  }

  /** The pool saw the connection close. */
  void upstreamClosed() {
    if (!upstreamClosed) {
      upstreamClosed = true;
      if (closeHandler != null) {
        closeHandler.handle(null);
      }
    }
  }
}

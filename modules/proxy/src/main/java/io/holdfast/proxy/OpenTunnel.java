package io.holdfast.proxy;

import io.holdfast.upstream.TunnelEnd;

/**
 * An open tunnel as the listener's connection governance drives it: its per-listener sweep asks each tunnel
 * whether it is {@link #due} (idle past the upstream's {@code tunnelTimeout}, or a close stuck behind a
 * client that does not read) and acts on it outside the iteration; a drain closes it. Event-loop confined.
 */
public interface OpenTunnel {

  /** Whether {@link #expire} has something to do at {@code now}; {@code stuckNanos}: how long a close may wait on writes. */
  boolean due(long now, long stuckNanos);

  /** Closes an idle tunnel ({@link TunnelEnd#IDLE_TIMEOUT}), or cuts a close whose last writes the client does not take. */
  void expire(long now, long stuckNanos);

  /** Ends the tunnel for {@code why}: both connections close, what was written is flushed first. */
  void close(TunnelEnd why);
}

package io.holdfast.upstream;

/** Why a tunnel (WebSocket or any other HTTP/1.1 {@code Upgrade}) ended; both of its connections close with it. */
public enum TunnelEnd {
  /** The client closed its connection (or it broke). */
  CLIENT,
  /** The upstream closed its connection (or it broke). */
  UPSTREAM,
  /** No byte either way for the upstream's {@code tunnelTimeout}. */
  IDLE_TIMEOUT,
  /** Still open when its listener's drain time ({@code shutdownTimeout}) ran out: stop, removal or rebind. */
  SHUTDOWN
}

package io.holdfast.listener.connection;

/**
 * Why a client connection closed, as counted in {@code ListenerStats.closedByReason}. The first five are
 * the contract's keys; the rest are Holdfast's additions. The client-caused ones (the timeouts and
 * {@code bad-request}) never count against an upstream.
 */
public enum CloseReason {
  /**
   * Idle past {@code keepalive.timeout}, or a new connection that sent nothing within {@code headerTimeout}; also
   * every close with keepalive off, and a tunnel idle past its upstream's {@code tunnelTimeout}.
   */
  IDLE_TIMEOUT("idle-timeout"),
  /** The {@code keepalive.requests}-th response was sent. */
  REQUESTS_LIMIT("requests-limit"),
  /** Older than {@code keepalive.time} at a response. */
  LIFETIME("lifetime"),
  /** The client closed, sent {@code Connection: close}, or spoke HTTP/1.0 without keep-alive. */
  CLIENT("client"),
  /** An I/O error. */
  ERROR("error"),
  /** Closed at accept because the listener was at {@code maxConnections}. */
  REFUSED("refused"),
  /** The listener was stopped, removed or rebound. */
  SHUTDOWN("shutdown"),
  /** A request head did not arrive whole within {@code headerTimeout} (answered 408). */
  HEADER_TIMEOUT("header-timeout"),
  /** A request body paused longer than {@code bodyTimeout} (answered 408 when its response had not started). */
  BODY_TIMEOUT("body-timeout"),
  /** The client did not read its response for {@code sendTimeout}. */
  SEND_TIMEOUT("send-timeout"),
  /** A request refused for its framing: a bad head (400, 414, 431, 501) or a body whose chunked framing broke. */
  BAD_REQUEST("bad-request"),
  /** A tunnel (WebSocket or any other {@code Upgrade}) that its upstream ended. */
  UPSTREAM("upstream");

  private final String key;

  CloseReason(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}

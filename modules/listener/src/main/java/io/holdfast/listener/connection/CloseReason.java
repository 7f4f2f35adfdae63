package io.holdfast.listener.connection;

/**
 * Why a client connection closed, as counted in {@code ListenerStats.closedByReason}. The first five are
 * the contract's keys; {@code refused} and {@code shutdown} are Holdfast's additions.
 */
public enum CloseReason {
  /** Idle past {@code keepalive.timeout} (or the first-request timeout); also every close when keepalive is off. */
  IDLE_TIMEOUT("idle-timeout"),
  /** The {@code keepalive.requests}-th response was sent. */
  REQUESTS_LIMIT("requests-limit"),
  /** Older than {@code keepalive.time} at a response. */
  LIFETIME("lifetime"),
  /** The client closed, sent {@code Connection: close}, or spoke HTTP/1.0 without keep-alive. */
  CLIENT("client"),
  /** An I/O or protocol error, including requests Vert.x rejects (400, 414, 431). */
  ERROR("error"),
  /** Closed at accept because the listener was at {@code maxConnections}. */
  REFUSED("refused"),
  /** The listener was stopped, removed or rebound. */
  SHUTDOWN("shutdown");

  private final String key;

  CloseReason(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}

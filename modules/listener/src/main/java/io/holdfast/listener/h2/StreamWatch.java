package io.holdfast.listener.h2;

import io.vertx.core.http.HttpServerResponse;

/**
 * One client stream as its connection's {@link H2Wire} sees it: whether its request body is still arriving
 * and when its last DATA frame was read, and whether its response is stuck behind the client's flow-control
 * window. Event-loop confined: plain fields.
 */
final class StreamWatch {

  final int id;
  /** The request's body has not ended (no END_STREAM yet). */
  boolean bodyOpen;
  long lastDataAt;
  /** Set when the request reaches the listener; null for a stream refused before it. */
  HttpServerResponse response;
  private long stalledSince;
  private long bytesAtStall;

  StreamWatch(int id, boolean bodyOpen, long now) {
    this.id = id;
    this.bodyOpen = bodyOpen;
    this.lastDataAt = now;
  }

  /**
   * Since when the response has made no progress while it cannot be written (the client's window is
   * closed, or the connection's socket is full), at {@code now}; 0 when it is not stuck. A client that opens
   * its window, however little, lets more bytes through and starts the clock again.
   */
  long sendStalledSince(long now) {
    HttpServerResponse r = response;
    if (r == null || r.ended() || r.closed() || !r.writeQueueFull()) {
      stalledSince = 0;
      return 0;
    }
    long written = r.bytesWritten();
    if (stalledSince == 0 || written != bytesAtStall) {
      stalledSince = now;
      bytesAtStall = written;
    }
    return stalledSince;
  }
}

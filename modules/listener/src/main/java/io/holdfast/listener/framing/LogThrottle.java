package io.holdfast.listener.framing;

/**
 * At most one log line per period; the lines it swallows are counted into the next one. Used from one event
 * loop only, so plain fields suffice.
 */
final class LogThrottle {

  private final long periodNanos;
  private long lastLogged;
  private boolean logged;
  private long suppressed;

  LogThrottle(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /** -1 when this line should be dropped, else how many were dropped since the last line logged. */
  long tryLog(long nowNanos) {
    if (logged && nowNanos - lastLogged < periodNanos) {
      suppressed++;
      return -1;
    }
    logged = true;
    lastLogged = nowNanos;
    long dropped = suppressed;
    suppressed = 0;
    return dropped;
  }
}

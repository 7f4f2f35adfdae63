package io.holdfast.proxy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Upstream failures answered to clients, logged at WARNING at most once per second across every event loop
 * (a dead upstream under load fails every request); the lines in between go to FINE and are counted into
 * the next WARNING. Lock-free: one compare-and-set when a line is due.
 */
final class FailureLog {

  static final long PERIOD_NANOS = 1_000_000_000L;

  private final Logger log;
  private final long periodNanos;
  private final AtomicLong lastLogged;
  private final AtomicLong suppressed = new AtomicLong();

  FailureLog(Logger log) {
    this(log, PERIOD_NANOS);
  }

  FailureLog(Logger log, long periodNanos) {
    this.log = log;
    this.periodNanos = periodNanos;
    this.lastLogged = new AtomicLong(System.nanoTime() - periodNanos);
  }

  void warn(Supplier<String> line) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= periodNanos && lastLogged.compareAndSet(last, now)) {
      long dropped = suppressed.getAndSet(0);
      String text = line.get();
      log.warning(dropped == 0 ? text : text + " (" + dropped + " more in the last second, logged at FINE)");
    } else {
      suppressed.incrementAndGet();
      log.log(Level.FINE, line);
    }
  }
}

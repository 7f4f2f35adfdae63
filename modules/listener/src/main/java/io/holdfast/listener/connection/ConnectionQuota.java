package io.holdfast.listener.connection;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open client connections of one listener across every listener instance of a Vert.x instance, so
 * {@code maxConnections} holds for the listener as a whole. Touched once per connection (accept and
 * close), never per request.
 */
public final class ConnectionQuota implements Shareable {

  private static final String MAP = "holdfast.listener.connection-quotas";
  private static final long REFUSAL_LOG_INTERVAL_NANOS = 1_000_000_000L;

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);

  /** The quota of {@code listener}, shared by every instance deployed on {@code vertx}. */
  public static ConnectionQuota of(Vertx vertx, String listener) {
    LocalMap<String, ConnectionQuota> quotas = vertx.sharedData().getLocalMap(MAP);
    return quotas.computeIfAbsent(listener, name -> new ConnectionQuota());
  }

  /** Takes a slot; false (and nothing taken) when {@code max} connections are already open. */
  public boolean tryAcquire(int max) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  public void release() {
    open.decrementAndGet();
  }

  public int open() {
    return open.get();
  }

  /** True at most once per second across all instances: refusals come in floods, the log must not. */
  boolean shouldLogRefusal() {
    long now = System.nanoTime();
    long last = lastRefusalLog.get();
    return now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastRefusalLog.compareAndSet(last, now);
  }
}

package io.holdfast.accesslog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One event loop's bounded queue to the writer: a single-producer, single-consumer ring. The loop only
 * stores a reference and publishes its index (a release store, no lock, no CAS, no allocation); the writer
 * thread alone takes. Chosen over one queue shared by every loop by measurement (docs/access-log.md): with
 * two loops offering at once a shared queue's contended index cost several times more per record.
 */
final class Lane implements AccessLog {

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;
  private static final VarHandle DROPPED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(Lane.class, "head", long.class);
      TAIL = lookup.findVarHandle(Lane.class, "tail", long.class);
      DROPPED = lookup.findVarHandle(Lane.class, "dropped", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final AccessLogWriter writer;
  private final AccessRecord[] ring;
  private final int mask;
  /** Next slot to take: written by the writer only. */
  @SuppressWarnings("unused")
  private volatile long head;
  /** Next slot to fill: written by the event loop only. */
  @SuppressWarnings("unused")
  private volatile long tail;
  /** The event loop's last look at {@link #head}: re-read only when the ring seems full. */
  private long knownHead;
  /** Records refused because the ring was full: written by the event loop only. */
  @SuppressWarnings("unused")
  private volatile long dropped;
  private volatile boolean closed;

  /** {@code capacity}: a power of two. */
  Lane(AccessLogWriter writer, int capacity) {
    if (Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two, got " + capacity);
    }
    this.writer = writer;
    this.ring = new AccessRecord[capacity];
    this.mask = capacity - 1;
  }

  @Override
  public boolean enabled() {
    return writer.enabled();
  }

  @Override
  public void log(AccessRecord record) {
    long t = (long) TAIL.getOpaque(this);
    if (t - knownHead >= ring.length) {
      knownHead = (long) HEAD.getAcquire(this);
      if (t - knownHead >= ring.length) {
        DROPPED.setRelease(this, (long) DROPPED.getOpaque(this) + 1);
        return;
      }
    }
    ring[(int) t & mask] = record;
    TAIL.setRelease(this, t + 1);
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Writer thread: the next record, or null when the ring is empty. */
  AccessRecord poll() {
    long h = (long) HEAD.getOpaque(this);
    if (h >= (long) TAIL.getAcquire(this)) {
      return null;
    }
    int slot = (int) h & mask;
    AccessRecord record = ring[slot];
    ring[slot] = null;
    HEAD.setRelease(this, h + 1);
    return record;
  }

  long dropped() {
    return (long) DROPPED.getAcquire(this);
  }

  boolean closed() {
    return closed;
  }

  boolean isEmpty() {
    return (long) HEAD.getAcquire(this) >= (long) TAIL.getAcquire(this);
  }
}

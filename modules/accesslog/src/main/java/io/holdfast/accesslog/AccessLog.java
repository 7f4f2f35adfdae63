package io.holdfast.accesslog;

/**
 * One event loop's way into the access log. {@link #log} never blocks and never allocates: the record goes
 * into this loop's bounded queue, or, when the writer is so far behind that the queue is full, it is
 * dropped and counted. Use from one thread only: the event loop it was made for.
 */
public interface AccessLog {

  /** An access log that is always off: for instances without a writer (tests). */
  AccessLog OFF = new AccessLog() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public void log(AccessRecord record) {
    }

    @Override
    public void close() {
    }
  };

  /** Whether requests should be recorded now (the running config has {@code accessLog}); a volatile read. */
  boolean enabled();

  void log(AccessRecord record);

  /** This loop stops logging: the writer writes what it queued, then forgets the queue. */
  void close();
}

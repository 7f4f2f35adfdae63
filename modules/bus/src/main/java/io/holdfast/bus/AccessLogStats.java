package io.holdfast.bus;

/**
 * The access log's figures, as its writer counts them. {@code path} and {@code format} are the running
 * config's ({@code path} null when the log is off). {@code written}: lines written out; {@code dropped}:
 * lines not queued because an event loop's queue was full (the writer was behind); {@code failed}: lines
 * taken from the queues that could not be written (the file could not be opened or written);
 * {@code reopened}: times the file was reopened (SIGUSR1, a new {@code path}). Counts since start.
 */
public record AccessLogStats(String path, String format, long written, long dropped, long failed, long reopened) {

  /** No access log verticle answered, or the log has never been on. */
  public static final AccessLogStats OFF = new AccessLogStats(null, null, 0, 0, 0, 0);

  public boolean enabled() {
    return path != null;
  }
}

package io.holdfast.accesslog;

import io.holdfast.config.AccessLogConfig;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The writer thread's end of the log: the config it writes for, the open {@link LogSink}, the
 * {@link LineFormat} and one reused {@link LineBuffer} written out every {@value #WRITE_BYTES} bytes. A
 * sink that cannot be opened or written loses its lines (counted as failed) and is tried again every
 * second. Writer thread only; the counts are volatile for the status page.
 */
final class LogOutput {

  /** Bytes formatted before a write: a batch larger than this is written in several. */
  static final int WRITE_BYTES = 64 * 1024;

  private static final Logger LOG = Logger.getLogger(LogOutput.class.getName());
  private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
  private static final long RETRY_OPEN_NANOS = Duration.ofSeconds(1).toNanos();

  private final ZoneId zone;
  private final AccessLogWriter.SinkOpener opener;
  private final LineBuffer out = new LineBuffer(WRITE_BYTES + 4096);
  private AccessLogConfig opened;
  private LogSink sink;
  private LineFormat format;
  private int pending;
  private boolean everOpened;
  private long openAttemptAt;
  private long failureWarnedAt;
  volatile long written;
  volatile long failed;
  volatile long reopened;

  LogOutput(ZoneId zone, AccessLogWriter.SinkOpener opener) {
    this.zone = zone;
    this.opener = opener;
  }

  /** The config lines are written for now (null: off). */
  AccessLogConfig opened() {
    return opened;
  }

  /** Whether {@code wanted} needs a (re)open: another config, or a sink that failed and is due a retry. */
  boolean needsOpen(AccessLogConfig wanted) {
    return wanted != opened || (sink == null && wanted != null && System.nanoTime() - openAttemptAt >= RETRY_OPEN_NANOS);
  }

  /** Closes the current sink and opens one for {@code wanted} (null: off). */
  void switchTo(AccessLogConfig wanted) {
    close();
    opened = wanted;
    format = null;
    if (wanted == null) {
      return;
    }
    openAttemptAt = System.nanoTime();
    try {
      sink = opener.open(wanted);
      format = LineFormat.of(wanted.format(), zone);
      if (everOpened) {
        reopened++;
      }
      everOpened = true;
      LOG.fine(() -> "access log: writing " + wanted.format().key() + " lines to " + wanted.path());
    } catch (IOException | RuntimeException e) {
      warnOfFailure("cannot open " + wanted.path() + ": " + e + "; lines are counted as failed until it opens");
    }
  }

  /** Formats {@code record}, writing when a chunk is full; a record taken while nothing is open is lost. */
  void append(AccessRecord record) {
    if (format == null) {
      // Not writable (counted as failed), or the log was turned off while the request was running.
      if (opened != null) {
        failed++;
      }
      return;
    }
    format.append(record, out);
    pending++;
    if (out.length() >= WRITE_BYTES) {
      flush();
    }
  }

  /** Writes what is formatted. */
  void flush() {
    if (pending == 0) {
      return;
    }
    int lines = pending;
    pending = 0;
    try {
      sink.write(out.view());
      written += lines;
    } catch (IOException | RuntimeException e) {
      failed += lines;
      warnOfFailure("writing to " + opened.path() + " failed, " + lines + " lines lost: " + e.getMessage());
      close();
      format = null;
    } finally {
      out.clear();
    }
  }

  void close() {
    if (sink != null) {
      try {
        sink.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the access log", e);
      }
      sink = null;
    }
  }

  private void warnOfFailure(String message) {
    long now = System.nanoTime();
    if (failureWarnedAt == 0 || now - failureWarnedAt >= WARN_EVERY_NANOS) {
      failureWarnedAt = now;
      LOG.warning("access log: " + message);
    }
  }
}

package io.holdfast.accesslog;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.config.AccessLogConfig;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * The one thread that writes the access log. Every {@link #FLUSH_INTERVAL} it takes what the event loops
 * queued ({@link #lane()}, one bounded queue per loop), formats it into one reused buffer and writes it with
 * one {@code write} per {@value #WRITE_BYTES} bytes — nginx's {@code access_log ... buffer= flush=}, except
 * that a full queue drops a line instead of the event loop waiting for the disk. With the log off it sleeps
 * until {@link #configure} wakes it. Lines are written in the order each loop finished its requests; lines
 * of different loops interleave by batch.
 */
public final class AccessLogWriter implements AutoCloseable {

  /** Records one event loop may queue before the next ones are dropped: 160 ms of 100k requests/s. */
  public static final int QUEUE_CAPACITY = 16_384;
  /** How often queued lines are written: a line reaches the file at most this late (plus the write itself). */
  public static final Duration FLUSH_INTERVAL = Duration.ofMillis(10);

  private static final Logger LOG = Logger.getLogger(AccessLogWriter.class.getName());
  private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

  /** Opens where the lines go; tests substitute a sink of their own. */
  interface SinkOpener {
    LogSink open(AccessLogConfig config) throws IOException;
  }

  private final List<Lane> lanes = new CopyOnWriteArrayList<>();
  private final int capacity;
  private final LogOutput output;
  private final Thread thread;
  private volatile AccessLogConfig config;
  private volatile boolean reopenAsked;
  private volatile boolean stopping;
  private volatile long retiredDropped;
  // Writer thread only.
  private long dropWarnedAt;
  private long dropsWarned;

  AccessLogWriter(AccessLogConfig initial, int capacity, ZoneId zone, SinkOpener opener) {
    this.config = initial;
    this.capacity = capacity;
    this.output = new LogOutput(zone, opener);
    this.thread = new Thread(this::run, "holdfast-access-log");
    thread.setDaemon(true);
  }

  /** A writer for {@code initial} (null: off until {@link #configure}d), its thread started. */
  public static AccessLogWriter start(AccessLogConfig initial) {
    AccessLogWriter writer = new AccessLogWriter(initial, QUEUE_CAPACITY, ZoneId.systemDefault(), LogSink::open);
    writer.thread.start();
    return writer;
  }

  /** For tests: a writer with its own queue capacity, time zone and sink. */
  static AccessLogWriter start(AccessLogConfig initial, int capacity, ZoneId zone, SinkOpener opener) {
    AccessLogWriter writer = new AccessLogWriter(initial, capacity, zone, opener);
    writer.thread.start();
    return writer;
  }

  /** A queue for one event loop; use it from that loop only, and {@link AccessLog#close} it when the loop stops. */
  public AccessLog lane() {
    Lane lane = new Lane(this, capacity);
    lanes.add(lane);
    return lane;
  }

  boolean enabled() {
    return config != null;
  }

  /**
   * The running config's {@code accessLog} (null: off). A new path or format applies to every line not
   * written yet (at most {@link #FLUSH_INTERVAL} of them were queued before the change); turning the log
   * off writes what was queued first.
   */
  public void configure(AccessLogConfig next) {
    if (!Objects.equals(next, config)) {
      config = next;
      LockSupport.unpark(thread);
    }
  }

  /** Closes and reopens the file (logrotate's {@code postrotate}: SIGUSR1); lines not written yet go to the new one. */
  public void reopen() {
    reopenAsked = true;
    LockSupport.unpark(thread);
  }

  public AccessLogStats stats() {
    AccessLogConfig c = config;
    return new AccessLogStats(c == null ? null : c.path(), c == null ? null : c.format().key(), output.written,
        dropped(), output.failed, output.reopened);
  }

  /** Writes what is queued, closes the file and ends the thread (waits for it at most 10 s). */
  @Override
  public void close() {
    stopping = true;
    LockSupport.unpark(thread);
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long dropped() {
    long sum = retiredDropped;
    for (Lane lane : lanes) {
      sum += lane.dropped();
    }
    return sum;
  }

  private void run() {
    while (true) {
      boolean stop = stopping;
      AccessLogConfig wanted = config;
      boolean change = reopenAsked || output.needsOpen(wanted);
      int taken;
      if (change && wanted == null) {
        // Turned off: what was queued while it was on is written first.
        taken = drain();
        switchTo(null);
      } else {
        // A new file or format (or the reopened one) gets every line not written yet.
        if (change) {
          switchTo(wanted);
        }
        taken = drain();
      }
      retireClosedLanes();
      warnOfDrops();
      if (stop && taken == 0) {
        output.close();
        return;
      }
      if (taken < capacity / 4) {
        // Behind (a quarter of a queue taken in one pass): go again at once; else wait for more lines.
        if (wanted == null && !stop) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, FLUSH_INTERVAL.toNanos());
        }
      }
    }
  }

  private void switchTo(AccessLogConfig wanted) {
    reopenAsked = false;
    output.switchTo(wanted);
  }

  /** Takes every queued record into the output and writes it; returns how many were taken. */
  private int drain() {
    int taken = 0;
    for (Lane lane : lanes) {
      AccessRecord record;
      for (int i = 0; i < capacity && (record = lane.poll()) != null; i++) {
        taken++;
        output.append(record);
      }
    }
    output.flush();
    return taken;
  }

  private void retireClosedLanes() {
    for (Lane lane : lanes) {
      if (lane.closed() && lane.isEmpty()) {
        retiredDropped += lane.dropped();
        lanes.remove(lane);
      }
    }
  }

  private void warnOfDrops() {
    long now = System.nanoTime();
    if (now - dropWarnedAt < WARN_EVERY_NANOS && dropsWarned != 0) {
      return;
    }
    long dropped = dropped();
    if (dropped > dropsWarned) {
      long since = dropped - dropsWarned;
      dropsWarned = dropped;
      dropWarnedAt = now;
      LOG.warning(() -> "access log: " + since + " lines dropped: the writer fell behind and an event loop's queue ("
          + capacity + " lines) was full; " + dropped + " dropped since start");
    }
  }
}

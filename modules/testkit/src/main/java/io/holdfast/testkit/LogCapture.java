package io.holdfast.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one {@code java.util.logging} logger logs while this is open, for tests that assert a log line. Holds
 * the logger, so it is not collected and recreated without the handler; {@link #close} detaches and puts back
 * the level it found.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level levelBefore;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  private LogCapture(Logger logger, Level level) {
    this.logger = logger;
    this.levelBefore = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    logger.addHandler(handler);
  }

  /** Captures what {@code loggerName} logs at the levels it is set to log. */
  public static LogCapture of(String loggerName) {
    return new LogCapture(Logger.getLogger(loggerName), null);
  }

  /** Captures everything {@code loggerName} is asked to log, FINE included, until closed. */
  public static LogCapture everyLevel(String loggerName) {
    return new LogCapture(Logger.getLogger(loggerName), Level.ALL);
  }

  public Logger logger() {
    return logger;
  }

  /** The records so far, in order; live: it grows as the logger logs. */
  public List<LogRecord> records() {
    return records;
  }

  /** The records' messages so far, unformatted. */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(levelBefore);
  }
}

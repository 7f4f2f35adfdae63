package io.holdfast.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FailureLogTest {

  private final Logger logger = Logger.getLogger("failure-log-test-" + System.nanoTime());
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
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

  @BeforeEach
  void capture() {
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
    logger.addHandler(capture);
  }

  @AfterEach
  void release() {
    logger.removeHandler(capture);
  }

  @Test
  void aFloodOfFailuresGivesOneWarningAndTheRestAtFine() {
    FailureLog log = new FailureLog(logger, Duration.ofHours(1).toNanos());

    for (int i = 0; i < 100; i++) {
      int n = i;
      log.warn(() -> "failure " + n);
    }

    assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).isEqualTo("failure 0"));
    assertThat(records).filteredOn(r -> r.getLevel() == Level.FINE).hasSize(99);
  }

  @Test
  void theNextWarningAfterThePeriodSaysHowManyWereSuppressed() {
    FailureLog log = new FailureLog(logger, Duration.ofMillis(50).toNanos());
    log.warn(() -> "first");
    log.warn(() -> "second");
    log.warn(() -> "third");

    await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
      log.warn(() -> "later");
      assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).hasSizeGreaterThanOrEqualTo(2);
    });

    assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).element(1)
        .satisfies(r -> assertThat(r.getMessage()).startsWith("later (").contains("more in the last second"));
  }
}

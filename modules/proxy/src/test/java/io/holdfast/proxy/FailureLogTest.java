package io.holdfast.proxy;

import io.holdfast.testkit.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FailureLogTest {

  /** A logger of its own, every level kept, not passed up to the console. */
  private final LogCapture capture = LogCapture.everyLevel("failure-log-test-" + System.nanoTime());
  private final Logger logger = capture.logger();
  private final List<LogRecord> records = capture.records();

  @BeforeEach
  void keepToItself() {
    logger.setUseParentHandlers(false);
  }

  @AfterEach
  void release() {
    capture.close();
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

package io.holdfast.accesslog;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.config.AccessLogConfig;
import io.holdfast.config.AccessLogFormat;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccessLogWriterTest {

  @TempDir
  Path dir;
  private AccessLogWriter writer;

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
  }

  private AccessLogConfig config(String name, AccessLogFormat format) {
    return new AccessLogConfig(dir.resolve(name).toString(), format);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @Test
  void linesFromSeveralLoopsReachTheFileAndAreCounted() throws Exception {
    writer = AccessLogWriter.start(config("logs/deep/access.log", AccessLogFormat.COMBINED));
    AccessLog first = writer.lane();
    AccessLog second = writer.lane();
    Thread other = new Thread(() -> {
      for (int i = 0; i < 500; i++) {
        second.log(Records.numbered(i));
      }
    });
    other.start();
    for (int i = 0; i < 500; i++) {
      first.log(Records.numbered(i));
    }
    other.join();

    Path file = dir.resolve("logs/deep/access.log");
    await().atMost(Duration.ofSeconds(5)).until(() -> lines(file).size() == 1000);
    assertThat(lines(file)).allMatch(line -> CombinedFormatTest.COMBINED.matcher(line).matches());
    AccessLogStats stats = writer.stats();
    assertThat(stats.written()).isEqualTo(1000);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.failed()).isZero();
    assertThat(stats.path()).isEqualTo(file.toString());
    assertThat(stats.format()).isEqualTo("combined");
  }

  @Test
  void aReopenAfterTheFileWasRenamedWritesToANewFile() throws Exception {
    writer = AccessLogWriter.start(config("access.log", AccessLogFormat.COMBINED));
    AccessLog lane = writer.lane();
    Path file = dir.resolve("access.log");
    lane.log(Records.numbered(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> lines(file).size() == 1);

    Path rotated = dir.resolve("access.log.1");
    Files.move(file, rotated);
    lane.log(Records.numbered(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> lines(rotated).size() == 2);
    writer.reopen();
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));
    lane.log(Records.numbered(3));

    await().atMost(Duration.ofSeconds(5)).until(() -> lines(file).size() == 1);
    assertThat(lines(file).get(0)).contains("\"GET /3 HTTP/1.1\"");
    assertThat(lines(rotated)).hasSize(2);
    assertThat(writer.stats().reopened()).isEqualTo(1);
  }

  @Test
  void aNewPathOrFormatAppliesToLinesQueuedAfterIt() throws Exception {
    writer = AccessLogWriter.start(config("a.log", AccessLogFormat.COMBINED));
    AccessLog lane = writer.lane();
    lane.log(Records.numbered(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> lines(dir.resolve("a.log")).size() == 1);

    writer.configure(config("b.log", AccessLogFormat.JSON));
    lane.log(Records.numbered(2));

    await().atMost(Duration.ofSeconds(5)).until(() -> lines(dir.resolve("b.log")).size() == 1);
    assertThat(new JsonObject(lines(dir.resolve("b.log")).get(0)).getString("uri")).isEqualTo("/2");
    assertThat(lines(dir.resolve("a.log"))).hasSize(1);
  }

  @Test
  void offWritesNothingAndTheLoopsKnowIt() throws Exception {
    writer = AccessLogWriter.start(null);
    AccessLog lane = writer.lane();
    assertThat(lane.enabled()).isFalse();

    writer.configure(config("on.log", AccessLogFormat.COMBINED));
    assertThat(lane.enabled()).isTrue();
    writer.configure(null);

    assertThat(lane.enabled()).isFalse();
    assertThat(writer.stats().enabled()).isFalse();
  }

  @Test
  void aFullQueueDropsAndCountsLinesWithoutEverBlockingTheLoop() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StringBuilder written = new StringBuilder();
    writer = AccessLogWriter.start(config("x.log", AccessLogFormat.COMBINED), 8, ZoneId.of("UTC"), c -> new LogSink() {
      @Override
      void write(ByteBuffer bytes) throws IOException {
        writing.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        synchronized (written) {
          written.append(java.nio.charset.StandardCharsets.US_ASCII.decode(bytes));
        }
      }

      @Override
      public void close() {
      }
    });
    AccessLog lane = writer.lane();
    lane.log(Records.numbered(0));
    assertThat(writing.await(5, TimeUnit.SECONDS)).as("the writer is stuck in a write").isTrue();

    long started = System.nanoTime();
    for (int i = 1; i <= 20; i++) {
      lane.log(Records.numbered(i));
    }
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(tookMillis).as("logging while the writer is stuck").isLessThan(1000);
    assertThat(writer.stats().dropped()).isEqualTo(12);
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> writer.stats().written() == 9);
    synchronized (written) {
      assertThat(written.toString().lines()).hasSize(9).last().asString().contains("\"GET /8 HTTP/1.1\"");
    }
  }

  @Test
  void aFileThatCannotBeOpenedCountsItsLinesAsFailed() throws Exception {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    writer = AccessLogWriter.start(new AccessLogConfig(blocker.resolve("access.log").toString(),
        AccessLogFormat.COMBINED));
    AccessLog lane = writer.lane();

    lane.log(Records.numbered(1));

    await().atMost(Duration.ofSeconds(5)).until(() -> writer.stats().failed() == 1);
    assertThat(writer.stats().written()).isZero();
  }

  @Test
  void closingWritesWhatWasQueued() throws Exception {
    writer = AccessLogWriter.start(config("last.log", AccessLogFormat.COMBINED));
    AccessLog lane = writer.lane();
    for (int i = 0; i < 100; i++) {
      lane.log(Records.numbered(i));
    }

    writer.close();

    assertThat(lines(dir.resolve("last.log"))).hasSize(100);
  }
}

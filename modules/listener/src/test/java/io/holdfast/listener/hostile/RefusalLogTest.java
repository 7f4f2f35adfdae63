package io.holdfast.listener.hostile;

import io.holdfast.listener.RawClient;
import io.holdfast.listener.framing.InvalidRequests;
import io.holdfast.testkit.LogCapture;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A flood of hostile requests costs one WARNING line a second, with no stack trace. */
class RefusalLogTest {

  private final LogCapture log = LogCapture.of(InvalidRequests.class.getName());
  private final List<LogRecord> records = log.records();
  private Vertx vertx;
  private int port;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    port = GovernedOkServer.start(vertx, TestConfig.proxying(1).set("listeners.main.maxConnections", 100)
        .listenerConfig("main"));
  }

  @AfterEach
  void tearDown() {
    log.close();
    vertx.close().await();
  }

  @Test
  void refusalsAreLoggedAtMostOnceASecondWithoutStackTrace() throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      try (RawClient client = RawClient.connect(port)) {
        int status = client.exchange("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: xchunked\r\n\r\n").status();
        assertThat(status).isEqualTo(501);
      }
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(records).hasSizeLessThanOrEqualTo(1 + (int) (elapsedMillis / 1000));
    LogRecord line = records.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.WARNING);
    assertThat(line.getThrown()).isNull();
    assertThat(line.getMessage()).contains("listener main", "501", "Transfer-Encoding");
  }

  @Test
  void bodyFramingBrokenMidRequestIsLoggedOnce() throws Exception {
    try (RawClient client = RawClient.connect(port)) {
      client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
      // This app answers before reading the body: that answer stands, the close follows it.
      assertThat(client.read().body()).isEqualTo("ok");
      assertThat(client.closedWithin(2000)).isTrue();
    }
    await().until(() -> !records.isEmpty());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(records.get(0).getThrown()).isNull();
    assertThat(records.get(0).getMessage()).contains("mid-request", "chunk size");
  }
}

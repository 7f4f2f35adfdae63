package io.holdfast.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.holdfast.testkit.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

class SignalsTest {

  private final LogCapture log = LogCapture.of(Signals.class.getName());

  @AfterEach
  void releaseLog() {
    log.close();
  }

  @Test
  void aHangupTheProcessIgnoresIsReportedInsteadOfLostWithoutAWord() {
    // As under nohup. The JVM keeps an ignored HUP ignored for good, so nothing in this test JVM may rely on HUP.
    Signal.handle(new Signal("HUP"), SignalHandler.SIG_IGN);

    boolean installed = Signals.handle("HUP", () -> { });

    assertThat(installed).isFalse();
    assertThat(log.messages()).singleElement().asString()
        .contains("SIGHUP is ignored by this process")
        .contains("nohup")
        .contains("reload through the admin API or the config file watch");
  }

  @Test
  void anInterruptIgnoredAsInABackgroundJobStaysIgnoredWithoutAWarning() {
    // A shell starts every background job with INT ignored; nothing in this test JVM may rely on INT afterwards.
    Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);

    boolean installed = Signals.handle("INT", () -> { });

    assertThat(installed).isFalse();
    assertThat(log.messages()).isEmpty();
  }

  @Test
  void aSignalTheProcessTakesIsHandledWithoutAWarning() {
    AtomicInteger reopened = new AtomicInteger();

    boolean installed = Signals.handle("USR1", reopened::incrementAndGet);
    Signal.raise(new Signal("USR1"));

    assertThat(installed).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> reopened.get() == 1);
    assertThat(log.messages()).isEmpty();
  }
}

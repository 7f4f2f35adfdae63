package io.holdfast.status.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.status.history.SampleSeries;
import io.holdfast.testkit.TestConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client-side rules: requests limit and idle timeout of a listener. */
class ListenerAdviceTest {

  private static TestConfig base() {
    return TestConfig.create().upstream("app", 8000).listener("main", 8080, "app");
  }

  private static io.holdfast.config.ConfigSnapshot config(TestConfig config) {
    return config.snapshot(1);
  }

  /** 12 samples 2 s apart (22 s) after a baseline. */
  private static List<Advice> advise(SampleSeries series, Runnable traffic) {
    series.sample().every(2_000, 11, traffic);
    return KeepaliveAdvisor.advise(series.samples());
  }

  @Test
  void clientsClosedAtTheRequestsLimitGetTheLimitRaised() {
    SampleSeries series = new SampleSeries(config(base().set("listeners.main.keepalive.requests", 5)));
    SampleSeries.Listener main = series.listener("main");

    List<Advice> advice = advise(series, () -> main.traffic(100, 20).closed("requests-limit", 20));

    assertThat(advice).singleElement().satisfies(a -> {
      assertThat(a.key()).isEqualTo("listeners.main.keepalive.requests");
      assertThat(a.current()).isEqualTo(5);
      assertThat(a.suggested()).isEqualTo(1000);
      assertThat(a.evidence()).containsEntry("closedRequestsLimit", 220L)
          .containsEntry("closedRequestsLimitPer100Requests", 20.0);
    });
  }

  @Test
  void fewRequestsLimitClosesAreNotWorthAChange() {
    SampleSeries series = new SampleSeries(config(base().set("listeners.main.keepalive.requests", 500)));
    SampleSeries.Listener main = series.listener("main");

    assertThat(advise(series, () -> main.traffic(100, 1).closed("requests-limit", 0))).isEmpty();
  }

  @Test
  void clientsComingBackAfterIdleClosesGetTheIdleTimeoutDoubled() {
    SampleSeries series = new SampleSeries(config(base().set("listeners.main.keepalive.timeout", "5s")));
    SampleSeries.Listener main = series.listener("main");

    List<Advice> advice = advise(series, () -> main.traffic(100, 10).closed("idle-timeout", 9).closed("client", 1));

    assertThat(advice).singleElement().satisfies(a -> {
      assertThat(a.key()).isEqualTo("listeners.main.keepalive.timeout");
      assertThat(a.current()).isEqualTo("5s");
      assertThat(a.suggested()).isEqualTo("10s");
    });
  }

  @Test
  void idleClosesThatAreNotMostClosesOrAtNginxsDefaultGiveNoAdvice() {
    SampleSeries mostlyClientCloses = new SampleSeries(config(base().set("listeners.main.keepalive.timeout", "5s")));
    SampleSeries.Listener main = mostlyClientCloses.listener("main");
    assertThat(advise(mostlyClientCloses, () -> main.traffic(100, 10).closed("idle-timeout", 2).closed("client", 8)))
        .isEmpty();

    SampleSeries atDefault = new SampleSeries(config(base()));
    SampleSeries.Listener other = atDefault.listener("main");
    assertThat(advise(atDefault, () -> other.traffic(100, 10).closed("idle-timeout", 10))).isEmpty();
  }
}

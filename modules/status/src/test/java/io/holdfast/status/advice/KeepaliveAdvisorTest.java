package io.holdfast.status.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.ConfigSnapshot;
import io.holdfast.status.history.SampleSeries;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepaliveAdvisorTest {

  private static final String SERVER = "127.0.0.1:8000";

  private static TestConfig base() {
    return TestConfig.create().upstream("app", 8000).listener("main", 8080, "app");
  }

  private static ConfigSnapshot config(TestConfig config) {
    return config.snapshot(1);
  }

  /** 12 samples 2 s apart (22 s) after a baseline. */
  private static List<Advice> advise(SampleSeries series, Runnable traffic) {
    series.sample().every(2_000, 11, traffic);
    return KeepaliveAdvisor.advise(series.samples());
  }

  @Test
  void churnWhileThePeakExceedsTheIdleCapRaisesTheCapToThePeakWithHeadroom() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 32)));
    SampleSeries.Server app = series.server("app", SERVER);

    List<Advice> advice = advise(series, () -> app.traffic(100, 20, 38));

    assertThat(advice).hasSize(1);
    Advice a = advice.get(0);
    assertThat(a.key()).isEqualTo("upstreams.app.keepalive.connections");
    assertThat(a.current()).isEqualTo(32);
    assertThat(a.suggested()).isEqualTo(48);
    assertThat(a.evidence()).containsEntry("newConnectionsPer100Requests", 20.0)
        .containsEntry("peakActivePerInstance", 38).containsEntry("server", SERVER);
    assertThat(a.why()).contains("38 requests were in flight").contains("keepalive.connections = 32");
    assertThat(a.toJson().getJsonObject("patch")).isEqualTo(new JsonObject()
        .put("upstreams", new JsonObject().put("app", new JsonObject()
            .put("keepalive", new JsonObject().put("connections", 48)))));
  }

  @Test
  void thePeakIsJudgedPerInstance() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 32)));
    SampleSeries.Server app = series.server("app", SERVER);
    app.instances = 2;

    assertThat(advise(series, () -> app.traffic(100, 20, 60))).isEmpty();
  }

  @Test
  void aPeakAboveTheCapWithoutChurnIsNoReasonToChange() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 32)));
    SampleSeries.Server app = series.server("app", SERVER);

    assertThat(advise(series, () -> app.traffic(100, 1, 40))).isEmpty();
  }

  @Test
  void churnWithThePeakUnderTheCapIsNotBlamedOnTheCap() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 32)));
    SampleSeries.Server app = series.server("app", SERVER);

    assertThat(advise(series, () -> app.traffic(100, 30, 20))).isEmpty();
  }

  @Test
  void theSuggestedCapNeverExceedsTheServersMaxConnections() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 32)
        .set("upstreams.app.servers", new io.vertx.core.json.JsonArray().add(new JsonObject()
            .put("address", SERVER).put("maxConnections", 40)))));
    SampleSeries.Server app = series.server("app", SERVER);

    assertThat(advise(series, () -> app.traffic(100, 20, 38))).singleElement()
        .extracting(Advice::suggested).isEqualTo(40);
  }

  @Test
  void tooFewRequestsGiveNoAdvice() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 4)));
    SampleSeries.Server app = series.server("app", SERVER);

    // 11 × 20 = 220 requests, under the minimum of 300.
    assertThat(advise(series, () -> app.traffic(20, 10, 12))).isEmpty();
  }

  @Test
  void aWindowShorterThanTheMinimumGivesNoAdvice() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 4)));
    SampleSeries.Server app = series.server("app", SERVER);

    series.sample().every(2_000, 4, () -> app.traffic(200, 100, 12));

    assertThat(KeepaliveAdvisor.advise(series.samples())).isEmpty();
  }

  @Test
  void samplesFromBeforeAConfigChangeAreNotEvidenceAgainstTheNewLimits() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 4)));
    SampleSeries.Server app = series.server("app", SERVER);
    series.sample().every(2_000, 11, () -> app.traffic(100, 50, 12));
    assertThat(KeepaliveAdvisor.advise(series.samples())).isNotEmpty();

    series.config(base().set("upstreams.app.keepalive.connections", 16).snapshot(2))
        .every(2_000, 3, () -> app.traffic(100, 50, 12));
    assertThat(KeepaliveAdvisor.advise(series.samples())).isEmpty();

    series.every(2_000, 4, () -> app.traffic(100, 0, 12));
    assertThat(KeepaliveAdvisor.advise(series.samples())).isEmpty();
  }

  @Test
  void aChangeToAnotherSectionKeepsTheEvidence() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.connections", 4)));
    SampleSeries.Server app = series.server("app", SERVER);
    series.sample().every(2_000, 6, () -> app.traffic(100, 50, 12));

    series.config(base().set("upstreams.app.keepalive.connections", 4).set("listeners.main.keepalive.requests", 50)
        .snapshot(2)).every(2_000, 5, () -> app.traffic(100, 50, 12));

    assertThat(KeepaliveAdvisor.advise(series.samples())).extracting(Advice::key)
        .containsExactly("upstreams.app.keepalive.connections");
  }

  @Test
  void anUpstreamSeenClosingIdleConnectionsGetsATimeoutBelowItsOwn() {
    SampleSeries series = new SampleSeries(config(base()));
    SampleSeries.Server app = series.server("app", SERVER);

    List<Advice> advice = advise(series, () -> app.traffic(100, 1, 4).idleClosed(1, 5_030));

    assertThat(advice).singleElement().satisfies(a -> {
      assertThat(a.key()).isEqualTo("upstreams.app.keepalive.timeout");
      assertThat(a.current()).isEqualTo("1m");
      assertThat(a.suggested()).isEqualTo("4s");
      assertThat(a.evidence()).containsEntry("idleClosedByUpstream", 11L).containsEntry("observedIdleLimitMs", 5_030L);
    });
  }

  @Test
  void anAnnouncedTimeoutAloneNeedsNoAdviceHoldfastAlreadyHonoursIt() {
    SampleSeries series = new SampleSeries(config(base()));
    SampleSeries.Server app = series.server("app", SERVER);
    app.announced = 5;

    assertThat(advise(series, () -> app.traffic(100, 1, 4))).isEmpty();
  }

  @Test
  void anAnnouncedTimeoutWithStaleRetriesGetsATimeoutBelowTheAnnouncedOne() {
    SampleSeries series = new SampleSeries(config(base()));
    SampleSeries.Server app = series.server("app", SERVER);
    app.announced = 5;

    List<Advice> advice = advise(series, () -> {
      app.traffic(100, 1, 4);
      app.retried++;
    });

    assertThat(advice).singleElement().extracting(Advice::suggested).isEqualTo("4s");
  }

  @Test
  void aTimeoutAlreadyBelowTheUpstreamsLimitIsLeftAlone() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.timeout", "3s")));
    SampleSeries.Server app = series.server("app", SERVER);

    assertThat(advise(series, () -> app.traffic(100, 1, 4).idleClosed(1, 5_000))).isEmpty();
  }

  @Test
  void safeTimeoutsStayAMarginBelowTheUpstreamsLimit() {
    assertThat(UpstreamRules.safeTimeoutMillis(1_000)).isEqualTo(500);
    assertThat(UpstreamRules.safeTimeoutMillis(2_050)).isEqualTo(1_000);
    assertThat(UpstreamRules.safeTimeoutMillis(5_000)).isEqualTo(4_000);
    assertThat(UpstreamRules.safeTimeoutMillis(75_000)).isEqualTo(67_500);
    assertThat(UpstreamRules.safeTimeoutMillis(150)).isEqualTo(100);
  }

  @Test
  void anUpstreamRequestsLimitThatAloneForcesChurnIsRaisedToNginxsDefault() {
    SampleSeries series = new SampleSeries(config(base().set("upstreams.app.keepalive.requests", 10)));
    SampleSeries.Server app = series.server("app", SERVER);

    assertThat(advise(series, () -> app.traffic(100, 10, 4))).singleElement().satisfies(a -> {
      assertThat(a.key()).isEqualTo("upstreams.app.keepalive.requests");
      assertThat(a.current()).isEqualTo(10);
      assertThat(a.suggested()).isEqualTo(1000);
    });
  }

  @Test
  void noSamplesNoAdvice() {
    assertThat(KeepaliveAdvisor.advise(List.of())).isEmpty();
    assertThat(KeepaliveAdvisor.toJson(List.of()).encode()).isEqualTo("[]");
  }
}

package io.holdfast.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.bus.HealthReport;
import io.holdfast.bus.PassiveMark;
import io.holdfast.config.UpstreamConfig;
import io.holdfast.testkit.TestConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One instance's view of one server: what the balancers read and what it reports to the owner. */
class ServerHealthTest {

  private static final String SERVER = "127.0.0.1:8001";

  private final List<PassiveMark> reported = new ArrayList<>();
  private final UpstreamConfig config = TestConfig.proxying(8001, 8002).set("upstreams.app.maxFails", 1)
      .set("upstreams.app.failTimeout", "10s").snapshot(1).config().upstreams().get("app");
  private final ServerHealth health = new ServerHealth("app", SERVER, reported::add).configure(config);

  private static HealthReport.Server published(boolean probeDown, long markSince, long markUntil) {
    return new HealthReport.Server("app", SERVER, !probeDown && markSince == 0, null, null, true, probeDown,
        markSince, markUntil, null, null, HealthReport.ProbeCounts.NONE);
  }

  @Test
  void aProbeVerdictTakesTheServerOutAndNoReviveBringsItBack() {
    health.apply(published(true, 0, 0));
    assertThat(health.down(System.nanoTime())).isTrue();
    health.revive();
    assertThat(health.down(System.nanoTime())).isTrue();
    health.apply(published(false, 0, 0));
    assertThat(health.down(System.nanoTime())).isFalse();
  }

  @Test
  void theFirstFailureThatMarksItDownIsReportedOnceNotEachFailure() {
    long now = System.nanoTime();
    health.failure(now);
    health.failure(now + 1);
    health.failure(now + 2);
    assertThat(reported).containsExactly(new PassiveMark("app", SERVER, true, now));
    assertThat(health.down(now + 3)).isTrue();
  }

  @Test
  void aMarkPlacedByAnotherInstanceTakesItOutHereUntilItEnds() {
    long now = System.nanoTime();
    health.apply(published(false, now, now + 1_000_000_000L));
    assertThat(health.down(now + 1)).isTrue();
    assertThat(health.down(now + 1_000_000_000L)).isFalse();
    health.failure(now + 2);
    assertThat(reported).as("a mark is in force already").isEmpty();
  }

  @Test
  void reviveSetsAMarkAsideAndARequestSentAfterTheMarkThatSucceedsLiftsItEverywhere() {
    long since = System.nanoTime();
    health.apply(published(false, since, since + 60_000_000_000L));
    health.success(since - 1);
    assertThat(reported).as("a request sent before the mark proves nothing").isEmpty();
    health.revive();
    assertThat(health.down(System.nanoTime())).isFalse();
    health.success(System.nanoTime());
    assertThat(reported).singleElement().satisfies(mark -> assertThat(mark.down()).isFalse());
    health.success(System.nanoTime());
    assertThat(reported).as("lifted once").hasSize(1);
  }

  @Test
  void theMarksEndAlsoEndsThisInstancesOwnVerdict() {
    long now = System.nanoTime();
    health.failure(now);
    health.apply(published(false, now, now + 60_000_000_000L));
    assertThat(health.down(now + 1)).isTrue();
    health.apply(published(false, 0, 0));
    assertThat(health.down(now + 2)).isFalse();
  }
}

package io.holdfast.status.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.bus.ServerStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.testkit.TestConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsHistoryTest {

  private static final ConfigSnapshot CONFIG = TestConfig.create().upstream("app", 8000).snapshot(1);

  private static StatsSample at(long millis) {
    return StatsSample.of(millis, CONFIG, List.of(), List.of());
  }

  @Test
  void holdsFiveMinutesOfSamplesAtTheSamplePeriodAndOneMoreForTheFirstInterval() {
    assertThat(new StatsHistory(StatsHistory.SAMPLE_PERIOD).capacity()).isEqualTo(151);
    assertThat(new StatsHistory(Duration.ofMillis(250)).capacity()).isEqualTo(1201);
  }

  @Test
  void theSamplePeriodIsThePoolsPeakWindowSoNoPeakFallsBetweenSamples() {
    assertThat(StatsHistory.SAMPLE_PERIOD.toMillis()).isEqualTo(ServerStats.PEAK_WINDOW_MILLIS);
  }

  @Test
  void aFullRingDropsTheOldestSample() {
    StatsHistory history = new StatsHistory(Duration.ofMinutes(1));
    for (int i = 1; i <= 8; i++) {
      history.add(at(i * 60_000L));
    }

    assertThat(history.size()).isEqualTo(6);
    assertThat(history.samples()).extracting(StatsSample::atMillis)
        .containsExactly(180_000L, 240_000L, 300_000L, 360_000L, 420_000L, 480_000L);
    assertThat(history.latest()).get().extracting(StatsSample::atMillis).isEqualTo(480_000L);
  }

  @Test
  void aClockSteppedBackStartsTheHistoryAfresh() {
    StatsHistory history = new StatsHistory(StatsHistory.SAMPLE_PERIOD);
    history.add(at(10_000));
    history.add(at(12_000));

    history.add(at(11_000));

    assertThat(history.samples()).extracting(StatsSample::atMillis).containsExactly(11_000L);
  }
}

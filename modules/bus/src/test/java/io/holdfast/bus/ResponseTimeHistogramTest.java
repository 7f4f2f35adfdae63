package io.holdfast.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseTimeHistogramTest {

  private static ResponseTimeHistogram of(long... nanos) {
    long[] counts = new long[ResponseTimeHistogram.BUCKETS];
    for (long n : nanos) {
      counts[ResponseTimeHistogram.bucketOf(n)]++;
    }
    return ResponseTimeHistogram.of(counts);
  }

  @Test
  void aTimeOnABoundLandsInThatBucketAndPastTheLastInPlusInf() {
    assertThat(ResponseTimeHistogram.bucketOf(0)).isZero();
    assertThat(ResponseTimeHistogram.bucketOf(100_000)).isZero();
    assertThat(ResponseTimeHistogram.bucketOf(100_001)).isEqualTo(1);
    assertThat(ResponseTimeHistogram.bucketOf(61_000_000_000L)).isEqualTo(ResponseTimeHistogram.BUCKETS - 1);
    assertThat(ResponseTimeHistogram.upperBoundSeconds(3)).isEqualTo(0.001);
    assertThat(ResponseTimeHistogram.upperBoundSeconds(ResponseTimeHistogram.BUCKETS - 1)).isInfinite();
  }

  @Test
  void quantilesInterpolateInsideTheirBucketAsPrometheusDoes() {
    // 98 times in (0.5 ms, 1 ms], 2 in (25 ms, 50 ms].
    long[] times = new long[100];
    for (int i = 0; i < 98; i++) {
      times[i] = 800_000;
    }
    times[98] = 30_000_000;
    times[99] = 40_000_000;
    ResponseTimeHistogram h = of(times);

    assertThat(h.total()).isEqualTo(100);
    assertThat(h.quantileMillis(0.5)).isCloseTo(0.5 + 0.5 * 50 / 98.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(h.quantileMillis(0.99)).isEqualTo(37.5);
  }

  @Test
  void aQuantileInTheLastBucketIsItsLowerBoundAndAnEmptyHistogramHasNone() {
    assertThat(of(90_000_000_000L).quantileMillis(0.5)).isEqualTo(60_000.0);
    assertThat(ResponseTimeHistogram.empty().quantileMillis(0.5)).isNaN();
  }

  @Test
  void sinceGivesTheCountsOfAnIntervalAndNeverNegative() {
    ResponseTimeHistogram earlier = of(800_000);
    ResponseTimeHistogram later = earlier.plus(of(800_000, 3_000_000));

    ResponseTimeHistogram interval = later.since(earlier);

    assertThat(interval).isEqualTo(of(800_000, 3_000_000));
    assertThat(earlier.since(later).total()).isZero();
    assertThat(later.cumulativeCount(3)).isEqualTo(2);
    assertThat(later.cumulativeCount(ResponseTimeHistogram.BUCKETS - 1)).isEqualTo(3);
  }

  @Test
  void serverStatsAddTheirHistograms() {
    ServerStats a = new ServerStats("app", "s", 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 800_000, 800_000, 3, 1, 900,
        5, of(800_000));
    ServerStats b = new ServerStats("app", "s", 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 800_000, 800_000, 2, 0, 0,
        ServerStats.NOT_ANNOUNCED, of(3_000_000));

    ServerStats sum = a.plus(b);

    assertThat(sum.responseTimes()).isEqualTo(of(800_000, 3_000_000));
    assertThat(sum.peakActive()).isEqualTo(5);
    assertThat(sum.keepAliveTimeoutAnnounced()).isEqualTo(5);
    assertThat(sum.idleAgeAtUpstreamCloseMillis()).isEqualTo(900);
  }
}

package io.holdfast.status;

import io.holdfast.bus.ResponseTimeHistogram;
import io.holdfast.bus.ServerStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code holdfast_upstream_response_seconds{upstream,server}}: a Prometheus histogram exported from the fixed
 * buckets the pools count ({@link ResponseTimeHistogram}), summed over instances at scrape time. Micrometer
 * has no meter that takes bucket counts from elsewhere (its histograms record values one by one), so this
 * sits on the Prometheus registry beneath Micrometer's and is written by the same scrape.
 */
final class ResponseSecondsCollector implements MultiCollector {

  static final String NAME = "holdfast_upstream_response_seconds";
  private static final String HELP =
      "Upstream response time: from the request taking its connection (after any connect) to the response's end";
  private static final double NANOS_PER_SECOND = 1e9;

  private final Supplier<StatsAggregate> latest;

  ResponseSecondsCollector(Supplier<StatsAggregate> latest) {
    this.latest = latest;
  }

  @Override
  public MetricSnapshots collect() {
    List<HistogramDataPointSnapshot> points = new ArrayList<>();
    for (ServerStats s : latest.get().servers().values()) {
      points.add(new HistogramDataPointSnapshot(buckets(s.responseTimes()), s.responseTimeNanosTotal() / NANOS_PER_SECOND,
          Labels.of("upstream", s.upstream(), "server", s.server()), Exemplars.EMPTY, 0L));
    }
    // No server yet: no family at all, rather than a HELP and TYPE with nothing under them.
    return points.isEmpty() ? MetricSnapshots.of()
        : MetricSnapshots.of(new HistogramSnapshot(new MetricMetadata(NAME, HELP), points));
  }

  /** Per-bucket counts with their upper bounds in seconds; the model makes them cumulative for {@code le}. */
  private static ClassicHistogramBuckets buckets(ResponseTimeHistogram histogram) {
    double[] bounds = new double[ResponseTimeHistogram.BUCKETS];
    long[] counts = new long[ResponseTimeHistogram.BUCKETS];
    for (int i = 0; i < ResponseTimeHistogram.BUCKETS; i++) {
      bounds[i] = ResponseTimeHistogram.upperBoundSeconds(i);
      counts[i] = histogram.count(i);
    }
    return ClassicHistogramBuckets.of(bounds, counts);
  }
}

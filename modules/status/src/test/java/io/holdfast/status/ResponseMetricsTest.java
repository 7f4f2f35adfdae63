package io.holdfast.status;

import io.holdfast.bus.AccessLogStats;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.ResponseTimeHistogram;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.StatusClasses;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Responses by status class and the response-time histogram, summed over instances, in the scrape. */
class ResponseMetricsTest {

  private static final String SERVER = "server=\"127.0.0.1:8000\",upstream=\"app\"";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HoldfastMeters meters = HoldfastMeters.on(registry);

  @AfterEach
  void close() {
    meters.close();
    registry.close();
  }

  /** An instance whose server answered {@code counts} (2xx, 5xx) in the given histogram buckets. */
  private static InstanceStats instance(String id, long ok, long failed, long[] buckets, long totalNanos) {
    ListenerStats listener = new ListenerStats("main", 1, 1, ok + failed + 1, 0, 0, 0, 0, Map.of(),
        new StatusClasses(0, ok, 0, 1, failed));
    long requests = java.util.Arrays.stream(buckets).sum();
    ServerStats server = new ServerStats("app", "127.0.0.1:8000", 1, 0, 1, 0, 1, 0, 1, 0, requests, requests - 1,
        0, 0, totalNanos, 0, 0, 0, 0, ServerStats.NOT_ANNOUNCED, ResponseTimeHistogram.of(buckets), 0, 0,
        new StatusClasses(0, ok, 0, 0, failed));
    return new InstanceStats(id, List.of(listener), List.of(server));
  }

  private static long[] buckets(int... countsOfFirstBuckets) {
    long[] buckets = new long[ResponseTimeHistogram.BUCKETS];
    for (int i = 0; i < countsOfFirstBuckets.length; i++) {
      buckets[i] = countsOfFirstBuckets[i];
    }
    return buckets;
  }

  private String scrape() {
    long[] a = buckets(3, 5, 0, 2);
    long[] b = buckets(1, 0, 4);
    a[ResponseTimeHistogram.BUCKETS - 1] = 1;
    meters.update(StatsAggregate.of(List.of(instance("a", 10, 1, a, 3_000_000_000L),
        instance("b", 4, 1, b, 1_500_000_000L)), null, new AccessLogStats("logs/access.log", "combined", 40, 7, 2, 1)));
    return meters.scrape();
  }

  @Test
  void clientAndUpstreamResponsesAreCountedByClassOverInstances() {
    String scrape = scrape();

    assertThat(scrape)
        .contains("holdfast_client_responses_total{code=\"1xx\",listener=\"main\"} 0.0")
        .contains("holdfast_client_responses_total{code=\"2xx\",listener=\"main\"} 14.0")
        .contains("holdfast_client_responses_total{code=\"4xx\",listener=\"main\"} 2.0")
        .contains("holdfast_client_responses_total{code=\"5xx\",listener=\"main\"} 2.0")
        .contains("holdfast_upstream_responses_total{code=\"2xx\"," + SERVER + "} 14.0")
        .contains("holdfast_upstream_responses_total{code=\"3xx\"," + SERVER + "} 0.0")
        .contains("holdfast_upstream_responses_total{code=\"5xx\"," + SERVER + "} 2.0");
  }

  @Test
  void theHistogramHasCumulativeBucketsACountOfEveryRequestAndTheSumInSeconds() {
    String scrape = scrape();

    assertThat(scrape).contains("# TYPE holdfast_upstream_response_seconds histogram");
    List<Long> cumulative = new ArrayList<>();
    List<String> bounds = new ArrayList<>();
    Matcher m = Pattern.compile("holdfast_upstream_response_seconds_bucket\\{" + Pattern.quote(SERVER)
        + ",le=\"([^\"]+)\"} (\\d+)").matcher(scrape);
    while (m.find()) {
      bounds.add(m.group(1));
      cumulative.add(Long.parseLong(m.group(2)));
    }
    assertThat(bounds).hasSize(ResponseTimeHistogram.BUCKETS).startsWith("1.0E-4", "2.5E-4", "5.0E-4", "0.001")
        .endsWith("60.0", "+Inf");
    assertThat(cumulative).startsWith(4L, 9L, 13L, 15L).isSorted().last().isEqualTo(16L);
    assertThat(scrape).contains("holdfast_upstream_response_seconds_count{" + SERVER + "} 16")
        .contains("holdfast_upstream_response_seconds_sum{" + SERVER + "} 4.5");
  }

  @Test
  void theAccessLogsCountsAreCounters() {
    String scrape = scrape();

    assertThat(scrape)
        .contains("holdfast_access_log_lines_written_total 40.0")
        .contains("holdfast_access_log_lines_dropped_total 7.0")
        .contains("holdfast_access_log_lines_failed_total 2.0");
  }
}

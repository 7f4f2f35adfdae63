package io.holdfast.bus;

import java.util.Arrays;

/**
 * Upstream response times (lease to release, as {@link ServerStats}' response time) counted in fixed
 * buckets, so a quantile over any interval comes from two readings, and a Prometheus histogram
 * ({@code holdfast_upstream_response_seconds}) can be exported from the same counts without a meter lookup
 * per request. {@link #count(int)} counts the times above the previous bucket's upper bound and at most
 * its own (not cumulative, unlike Prometheus' {@code le} buckets: see {@link #cumulativeCount(int)}); the
 * last bucket has no upper bound. Immutable.
 */
public final class ResponseTimeHistogram {

  private static final long MICROS = 1_000L;
  private static final long MILLIS = 1_000_000L;
  private static final long SECONDS = 1_000_000_000L;

  /** Upper bounds, in nanoseconds, of every bucket but the last (+Inf): loopback to a slow backend. */
  private static final long[] UPPER_BOUNDS_NANOS = {
      100 * MICROS, 250 * MICROS, 500 * MICROS,
      MILLIS, 2_500 * MICROS, 5 * MILLIS, 10 * MILLIS, 25 * MILLIS, 50 * MILLIS,
      100 * MILLIS, 250 * MILLIS, 500 * MILLIS,
      SECONDS, 2_500 * MILLIS, 5 * SECONDS, 10 * SECONDS, 30 * SECONDS, 60 * SECONDS};

  /** Buckets, the last one (+Inf) included. */
  public static final int BUCKETS = UPPER_BOUNDS_NANOS.length + 1;

  private static final ResponseTimeHistogram EMPTY = new ResponseTimeHistogram(new long[BUCKETS]);

  private final long[] counts;

  private ResponseTimeHistogram(long[] counts) {
    this.counts = counts;
  }

  public static ResponseTimeHistogram empty() {
    return EMPTY;
  }

  /** A histogram of these per-bucket counts (copied); {@code counts.length} must be {@link #BUCKETS}. */
  public static ResponseTimeHistogram of(long[] counts) {
    if (counts.length != BUCKETS) {
      throw new IllegalArgumentException("expected " + BUCKETS + " bucket counts, got " + counts.length);
    }
    return new ResponseTimeHistogram(counts.clone());
  }

  /** The bucket a time falls in: a short scan, as most proxied responses land in the first few buckets. */
  public static int bucketOf(long nanos) {
    for (int i = 0; i < UPPER_BOUNDS_NANOS.length; i++) {
      if (nanos <= UPPER_BOUNDS_NANOS[i]) {
        return i;
      }
    }
    return UPPER_BOUNDS_NANOS.length;
  }

  /** The upper bound of {@code bucket} in seconds; {@link Double#POSITIVE_INFINITY} for the last one. */
  public static double upperBoundSeconds(int bucket) {
    return bucket < UPPER_BOUNDS_NANOS.length ? UPPER_BOUNDS_NANOS[bucket] / (double) SECONDS
        : Double.POSITIVE_INFINITY;
  }

  public long count(int bucket) {
    return counts[bucket];
  }

  /** Times at most {@link #upperBoundSeconds}({@code bucket}): Prometheus' {@code le} bucket. */
  public long cumulativeCount(int bucket) {
    long sum = 0;
    for (int i = 0; i <= bucket; i++) {
      sum += counts[i];
    }
    return sum;
  }

  public long total() {
    return cumulativeCount(BUCKETS - 1);
  }

  public ResponseTimeHistogram plus(ResponseTimeHistogram other) {
    long[] sum = counts.clone();
    for (int i = 0; i < BUCKETS; i++) {
      sum[i] += other.counts[i];
    }
    return new ResponseTimeHistogram(sum);
  }

  /**
   * What was counted since {@code earlier}, a reading of the same counters; a bucket that went down (an
   * instance stopped and took its counts along) counts zero rather than negative.
   */
  public ResponseTimeHistogram since(ResponseTimeHistogram earlier) {
    long[] delta = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      delta[i] = Math.max(0, counts[i] - earlier.counts[i]);
    }
    return new ResponseTimeHistogram(delta);
  }

  /**
   * The {@code q}-quantile (0..1) in milliseconds, interpolated linearly inside its bucket as Prometheus'
   * {@code histogram_quantile} does; a quantile in the last bucket is that bucket's lower bound. NaN when
   * nothing was counted.
   */
  public double quantileMillis(double q) {
    long total = total();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long below = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long inBucket = counts[i];
      if (inBucket > 0 && below + inBucket >= rank) {
        double lower = i == 0 ? 0 : UPPER_BOUNDS_NANOS[i - 1];
        if (i == UPPER_BOUNDS_NANOS.length) {
          return lower / MILLIS;
        }
        double upper = UPPER_BOUNDS_NANOS[i];
        double within = Math.max(0, rank - below) / inBucket;
        return (lower + (upper - lower) * within) / MILLIS;
      }
      below += inBucket;
    }
    return UPPER_BOUNDS_NANOS[UPPER_BOUNDS_NANOS.length - 1] / (double) MILLIS;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseTimeHistogram h && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "ResponseTimeHistogram" + Arrays.toString(counts);
  }
}

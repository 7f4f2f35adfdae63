package io.holdfast.config;

import io.holdfast.config.key.RequestKey;

import java.util.List;

/**
 * nginx's {@code split_clients} for one route: the MurmurHash2 of {@code key} picks a bucket by cumulative
 * percentage, so the same key always lands in the same bucket. Validated: the percentages add up to at
 * most 100 % and a {@code *} bucket (at most one, last) takes the rest, or they add up to exactly 100 %.
 */
public record SplitConfig(RequestKey key, List<Bucket> buckets) {

  public SplitConfig {
    buckets = List.copyOf(buckets);
  }

  /**
   * A share of the keys for {@code upstream}: {@code basisPoints} hundredths of a percent (nginx keeps two
   * decimals too), or {@link #REST} for the {@code *} bucket.
   */
  public record Bucket(int basisPoints, String upstream) {

    public static final int REST = 0;

    public boolean rest() {
      return basisPoints == REST;
    }
  }
}

package io.holdfast.routing;

import io.holdfast.config.SplitConfig;
import io.holdfast.config.key.KeyHash;
import io.holdfast.config.key.RequestKey;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/**
 * A compiled {@code split}: nginx's {@code split_clients}. The MurmurHash2 of the key is compared with
 * cumulative bounds over 2^32 computed exactly as {@code ngx_http_split_clients_module.c} does (each
 * bucket adds {@code percent × 100 × 0xffffffff / 10000}, rounded down), so a key lands in the bucket nginx
 * would put it in. Two deliberate differences, both for keys nginx would leave without a value: when the
 * buckets add up to exactly 100 % the last one also takes the few hash values above the rounded-down
 * bound, and a request without the key (or with it empty) goes to the last bucket — the {@code *} one when
 * there is one — where nginx hashes the empty string and so sends every such request to the first bucket.
 */
public final class SplitTable {

  private static final long TWO_TO_THE_32 = 1L << 32;

  private final RequestKey key;
  /** Exclusive upper bounds of the hash, ascending; the last is 2^32. */
  private final long[] bounds;
  private final String[] upstreams;

  private SplitTable(RequestKey key, long[] bounds, String[] upstreams) {
    this.key = key;
    this.bounds = bounds;
    this.upstreams = upstreams;
  }

  public static SplitTable compile(SplitConfig split) {
    List<SplitConfig.Bucket> buckets = split.buckets();
    long[] bounds = new long[buckets.size()];
    String[] upstreams = new String[buckets.size()];
    long last = 0;
    for (int i = 0; i < bounds.length; i++) {
      SplitConfig.Bucket bucket = buckets.get(i);
      upstreams[i] = bucket.upstream();
      if (bucket.rest()) {
        bounds[i] = TWO_TO_THE_32;
      } else {
        last += bucket.basisPoints() * 0xFFFFFFFFL / 10_000;
        bounds[i] = last;
      }
    }
    bounds[bounds.length - 1] = TWO_TO_THE_32;
    return new SplitTable(split.key(), bounds, upstreams);
  }

  /** The upstream for {@code request}. */
  public String upstream(HttpServerRequest request) {
    long hash = key.hash(request, KeyHash.MURMUR2);
    return hash == RequestKey.NONE ? upstreams[upstreams.length - 1] : upstream(hash);
  }

  /** The upstream of the bucket that holds {@code murmurHash} (an unsigned 32-bit value). */
  public String upstream(long murmurHash) {
    for (int i = 0; i < bounds.length; i++) {
      if (murmurHash < bounds[i]) {
        return upstreams[i];
      }
    }
    return upstreams[upstreams.length - 1];
  }

  /** The bucket bounds, for tests: exclusive upper hash values, the last one 2^32. */
  long[] bounds() {
    return bounds.clone();
  }

  @Override
  public String toString() {
    return "split " + key + " " + List.of(upstreams);
  }
}

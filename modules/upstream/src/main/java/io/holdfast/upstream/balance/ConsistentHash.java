package io.holdfast.upstream.balance;

import io.holdfast.config.ServerConfig;
import io.holdfast.config.key.RequestKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * nginx's {@code hash $key consistent} (ketama): each server puts 160 points per unit of weight on a ring of
 * CRC32 values, placed exactly as {@code ngx_http_upstream_init_chash} does, and a key goes to the server of
 * the first point at or after its CRC32. Keys therefore map to the same servers as under nginx with the
 * same {@code server host:port} lines, and adding or removing a server moves only the keys next to its
 * points. An ineligible server's point is passed over for the next one; after 20 such points, or without a
 * key, or with a single server, the pick is round-robin, as in nginx.
 */
final class ConsistentHash implements Balancer {

  static final int POINTS_PER_WEIGHT = 160;
  private static final int MAX_TRIES = 20;
  private static final int SERVER_BITS = 20;

  /** Point hashes, unsigned 32-bit values, ascending and distinct. */
  private final long[] points;
  /** The server index of each point. */
  private final int[] servers;
  private final boolean single;
  private final SmoothWeightedRoundRobin fallback;

  ConsistentHash(List<ServerConfig> config, int[] weights) {
    long[] ring = ring(config, weights);
    long[] hashes = new long[ring.length];
    int[] owners = new int[ring.length];
    int distinct = 0;
    for (long point : ring) {
      long hash = point >>> SERVER_BITS;
      // nginx drops a point whose hash another point already has
      if (distinct == 0 || hashes[distinct - 1] != hash) {
        hashes[distinct] = hash;
        owners[distinct] = (int) (point & ((1 << SERVER_BITS) - 1));
        distinct++;
      }
    }
    this.points = Arrays.copyOf(hashes, distinct);
    this.servers = Arrays.copyOf(owners, distinct);
    this.single = weights.length == 1;
    this.fallback = new SmoothWeightedRoundRobin(weights);
  }

  @Override
  public int pick(ServerView view, long key) {
    if (key == RequestKey.NONE || single) {
      return fallback.pick(view, key);
    }
    int at = firstPointAtOrAfter(key);
    for (int tries = 0; tries <= MAX_TRIES; tries++) {
      int server = servers[(at + tries) % points.length];
      if (view.eligible(server)) {
        return server;
      }
    }
    return fallback.pick(view, key);
  }

  /** The server a key hash lands on when every server is eligible (tests, diagnostics). */
  int serverFor(long key) {
    return servers[firstPointAtOrAfter(key) % points.length];
  }

  int pointCount() {
    return points.length;
  }

  /** nginx's ngx_http_upstream_find_chash_point: the first point ≥ hash; points.length past the last. */
  private int firstPointAtOrAfter(long hash) {
    int i = 0;
    int j = points.length;
    while (i < j) {
      int k = (i + j) >>> 1;
      if (hash > points[k]) {
        i = k + 1;
      } else if (hash < points[k]) {
        j = k;
      } else {
        return k;
      }
    }
    return i;
  }

  /**
   * Every point, sorted: its hash above its server's index (the low {@link #SERVER_BITS} bits, so equal
   * hashes keep server order; both stay positive, so a signed sort is the unsigned order). Per server, as nginx: base = CRC32 of {@code host \0 port} (the address split at its
   * last colon when only digits follow), then point j is the CRC32 of that base continued with the
   * previous point's hash as four little-endian bytes (0 for the first).
   */
  private static long[] ring(List<ServerConfig> config, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w * POINTS_PER_WEIGHT;
    }
    long[] ring = new long[total];
    int n = 0;
    CRC32 crc = new CRC32();
    for (int s = 0; s < weights.length; s++) {
      byte[] base = base(config.get(s).address());
      byte[] input = Arrays.copyOf(base, base.length + 4);
      long previous = 0;
      for (int j = 0; j < weights[s] * POINTS_PER_WEIGHT; j++) {
        for (int b = 0; b < 4; b++) {
          input[base.length + b] = (byte) (previous >>> (8 * b));
        }
        crc.reset();
        crc.update(input);
        previous = crc.getValue();
        ring[n++] = previous << SERVER_BITS | s;
      }
    }
    Arrays.sort(ring);
    return ring;
  }

  /** {@code host \0 port} as nginx splits the server string; no port when no colon is followed by digits only. */
  static byte[] base(String address) {
    int colon = -1;
    for (int j = address.length() - 1; j >= 0; j--) {
      char c = address.charAt(j);
      if (c == ':') {
        colon = j;
        break;
      }
      if (c < '0' || c > '9') {
        break;
      }
    }
    String host = colon < 0 ? address : address.substring(0, colon);
    String port = colon < 0 ? "" : address.substring(colon + 1);
    return (host + "\0" + port).getBytes(StandardCharsets.ISO_8859_1);
  }
}

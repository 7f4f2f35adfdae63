package io.holdfast.upstream.balance;

import io.holdfast.config.ServerConfig;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * nginx's consistent-hash ring (ketama) for one upstream: 160 points per unit of weight, placed exactly as
 * {@code ngx_http_upstream_init_chash} does, so keys map to the same servers as under nginx with the same
 * {@code server host:port} lines. Immutable: built once per config by {@link io.holdfast.upstream.UpstreamPlan}
 * (off the data-plane loops; a large ring takes milliseconds) and shared by every listener instance.
 */
public final class HashRing {

  static final int POINTS_PER_WEIGHT = 160;
  private static final int SERVER_BITS = 20;

  /** Point hashes, unsigned 32-bit values, ascending and distinct. */
  private final long[] points;
  /** The server index of each point. */
  private final int[] servers;

  private HashRing(long[] points, int[] servers) {
    this.points = points;
    this.servers = servers;
  }

  public static HashRing of(List<ServerConfig> config) {
    long[] ring = placed(config);
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
    return new HashRing(Arrays.copyOf(hashes, distinct), Arrays.copyOf(owners, distinct));
  }

  int size() {
    return points.length;
  }

  /** The server of the {@code n}-th point, counting around the ring (n may pass the end). */
  int server(int n) {
    return servers[n % points.length];
  }

  /** nginx's ngx_http_upstream_find_chash_point: the first point ≥ hash; size() past the last. */
  int firstPointAtOrAfter(long hash) {
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
   * hashes keep server order; both stay positive, so a signed sort is the unsigned order). Per server, as
   * nginx: base = CRC32 of {@code host \0 port} (the address split at its last colon when only digits
   * follow), then point j is the CRC32 of that base continued with the previous point's hash as four
   * little-endian bytes (0 for the first).
   */
  private static long[] placed(List<ServerConfig> config) {
    int total = 0;
    for (ServerConfig server : config) {
      total += weight(server) * POINTS_PER_WEIGHT;
    }
    long[] ring = new long[total];
    int n = 0;
    CRC32 crc = new CRC32();
    for (int s = 0; s < config.size(); s++) {
      byte[] base = base(config.get(s).address());
      byte[] input = Arrays.copyOf(base, base.length + 4);
      long previous = 0;
      for (int j = 0; j < weight(config.get(s)) * POINTS_PER_WEIGHT; j++) {
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

  private static int weight(ServerConfig server) {
    return Math.max(1, server.weight());
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

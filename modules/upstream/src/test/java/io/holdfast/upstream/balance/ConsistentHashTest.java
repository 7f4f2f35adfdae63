package io.holdfast.upstream.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.key.KeyHash;
import io.holdfast.config.key.RequestKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsistentHashTest {

  private static ConsistentHash hash(int... weights) {
    return new ConsistentHash(HashRing.of(FakeServers.servers(weights)), weights);
  }

  private static HashRing ring(int... weights) {
    return HashRing.of(FakeServers.servers(weights));
  }

  /** The server a key lands on when every server is eligible. */
  private static int server(HashRing ring, String key) {
    return ring.server(ring.firstPointAtOrAfter(KeyHash.CRC32.hash(key)));
  }

  @Test
  void keysLandWhereNginxPutsThem() {
    // Servers 127.0.0.1:8081..8083; expected servers from nginx's ngx_http_upstream_init_chash and
    // find_chash_point transcribed to C on this machine (NginxParityTest checks a running nginx too).
    HashRing equal = ring(1, 1, 1);
    assertThat(equal.size()).isEqualTo(480);
    String[] keys = {"/a", "/b", "/c", "user-1", "user-2", "user-3", "alice", "bob", "carol", "dave"};
    int[] expected = {1, 2, 1, 1, 2, 0, 1, 2, 0, 2};
    for (int i = 0; i < keys.length; i++) {
      assertThat(server(equal, keys[i])).as(keys[i]).isEqualTo(expected[i]);
    }
    HashRing weighted = ring(1, 2, 1);
    assertThat(weighted.size()).isEqualTo(640);
    assertThat(server(weighted, "bob")).isEqualTo(1);
  }

  @Test
  void keysSpreadOverTheServersInProportionToWeight() {
    int[] equal = new int[3];
    int[] weighted = new int[3];
    HashRing ring = ring(1, 1, 1);
    HashRing heavy = ring(1, 2, 1);
    for (int k = 0; k < 3000; k++) {
      equal[server(ring, "key-" + k)]++;
      weighted[server(heavy, "key-" + k)]++;
    }
    assertThat(equal).containsExactly(1013, 942, 1045);
    assertThat(weighted).containsExactly(824, 1427, 749);
  }

  @Test
  void theSameKeyAlwaysGetsTheSameServerAndARemovedServerMovesOnlyItsOwnKeys() {
    HashRing three = ring(1, 1, 1);
    HashRing again = ring(1, 1, 1);
    HashRing two = HashRing.of(FakeServers.servers(1, 1, 1).subList(0, 2));
    for (int k = 0; k < 1000; k++) {
      int before = server(three, "key-" + k);
      assertThat(server(again, "key-" + k)).isEqualTo(before);
      if (before != 2) {
        assertThat(server(two, "key-" + k)).isEqualTo(before);
      }
    }
  }

  @Test
  void anIneligibleServerPassesItsKeysToTheNextPointOnTheRing() {
    ConsistentHash ring = hash(1, 1, 1);
    FakeServers servers = new FakeServers(3);
    long key = KeyHash.CRC32.hash("user-3");
    assertThat(ring.pick(servers, key)).isZero();
    servers.down[0] = true;
    int next = ring.pick(servers, key);
    assertThat(next).isNotZero();
    assertThat(ring.pick(servers, key)).isEqualTo(next);
  }

  @Test
  void noKeyOrASingleServerIsRoundRobin() {
    FakeServers servers = new FakeServers(3);
    assertThat(servers.spread(hash(1, 1, 1), 6)).containsExactly(2, 2, 2);
    FakeServers one = new FakeServers(1);
    assertThat(hash(1).pick(one, KeyHash.CRC32.hash("x"))).isZero();
    one.down[0] = true;
    assertThat(hash(1).pick(one, KeyHash.CRC32.hash("x"))).isEqualTo(-1);
    assertThat(RequestKey.NONE).isEqualTo(-1);
  }

  @Test
  void theBaseSplitsTheAddressAtItsLastColonLikeNginx() {
    assertThat(new String(HashRing.base("127.0.0.1:8080"), StandardCharsets.ISO_8859_1)).isEqualTo("127.0.0.1\0" + "8080");
    assertThat(new String(HashRing.base("[::1]:8080"), StandardCharsets.ISO_8859_1)).isEqualTo("[::1]\0" + "8080");
  }
}

package io.holdfast.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.SplitConfig;
import io.holdfast.config.key.KeyHash;
import io.holdfast.config.key.RequestKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTableTest {

  private static SplitTable table(SplitConfig.Bucket... buckets) {
    return SplitTable.compile(new SplitConfig(RequestKey.parse("$cookie_uid"), List.of(buckets)));
  }

  private static String pick(SplitTable table, String key) {
    return table.upstream(KeyHash.MURMUR2.hash(key));
  }

  @Test
  void boundsAreNginxsPercentTimesHundredOverTwoToThe32() {
    // nginx: last += percent * (uint64_t) 0xffffffff / 10000, percent in hundredths (values from its C, here).
    SplitTable table = table(new SplitConfig.Bucket(1000, "canary"), new SplitConfig.Bucket(250, "beta"),
        new SplitConfig.Bucket(SplitConfig.Bucket.REST, "app"));
    assertThat(table.bounds()).containsExactly(429496729L, 429496729L + 107374182L, 1L << 32);
    assertThat(table(new SplitConfig.Bucket(1250, "a"), new SplitConfig.Bucket(8750, "b")).bounds()[0])
        .isEqualTo(536870911L);
  }

  @Test
  void twentyEightySplitOfAThousandKeysIsWithinThreePercentAndMatchesNginx() {
    SplitTable table = table(new SplitConfig.Bucket(2000, "canary"), new SplitConfig.Bucket(SplitConfig.Bucket.REST, "app"));
    int canary = 0;
    for (int i = 0; i < 1000; i++) {
      canary += pick(table, "user-" + i).equals("canary") ? 1 : 0;
    }
    // nginx's split_clients (its murmur hash and bounds compiled from its C source) puts 216 of these in 20 %.
    assertThat(canary).isEqualTo(216).isBetween(170, 230);
    assertThat(List.of("user-1", "user-2", "user-3", "alice", "bob").stream().map(k -> pick(table, k)))
        .containsExactly("canary", "canary", "app", "canary", "app");
  }

  @Test
  void sameKeySameBucketAcrossTwoBuildsOfTheTable() {
    SplitConfig config = new SplitConfig(RequestKey.parse("$cookie_uid"), List.of(new SplitConfig.Bucket(3333, "a"),
        new SplitConfig.Bucket(3333, "b"), new SplitConfig.Bucket(SplitConfig.Bucket.REST, "c")));
    SplitTable first = SplitTable.compile(config);
    SplitTable second = SplitTable.compile(config);
    for (int i = 0; i < 1000; i++) {
      assertThat(pick(second, "k" + i)).isEqualTo(pick(first, "k" + i));
    }
  }

  @Test
  void bucketsAddingUpToExactlyAHundredLeaveNoHashWithoutAnUpstream() {
    SplitTable table = table(new SplitConfig.Bucket(5000, "a"), new SplitConfig.Bucket(5000, "b"));
    assertThat(table.upstream(0xFFFFFFFFL)).isEqualTo("b");
    assertThat(table.upstream(0)).isEqualTo("a");
  }
}

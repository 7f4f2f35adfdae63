package io.holdfast.config.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class KeyHashTest {

  @Test
  void murmurHash2MatchesNginxNgxMurmurHash2() {
    // Reference values: nginx's src/core/ngx_murmurhash.c compiled with gcc on this machine.
    assertThat(KeyHash.MURMUR2.hash("a")).isEqualTo(2456313694L);
    assertThat(KeyHash.MURMUR2.hash("ab")).isEqualTo(446775395L);
    assertThat(KeyHash.MURMUR2.hash("abc")).isEqualTo(324500635L);
    assertThat(KeyHash.MURMUR2.hash("abcd")).isEqualTo(646393889L);
    assertThat(KeyHash.MURMUR2.hash("abcde")).isEqualTo(1594468574L);
    assertThat(KeyHash.MURMUR2.hash("user-42")).isEqualTo(3766944517L);
    assertThat(KeyHash.MURMUR2.hash("192.168.1.10")).isEqualTo(1317221045L);
  }

  @Test
  void crc32IsTheIeeeCrcOfTheBytes() {
    for (String text : new String[] {"", "a", "/some/path", "127.0.0.1", "\u00e9t\u00e9"}) {
      CRC32 reference = new CRC32();
      reference.update(text.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(KeyHash.CRC32.hash(text)).as(text).isEqualTo(reference.getValue());
    }
  }

  @Test
  void aRangeHashesLikeTheSubstring() {
    String header = "a=1; uid=user-42; b=2";
    assertThat(KeyHash.MURMUR2.hash(header, 9, 16)).isEqualTo(KeyHash.MURMUR2.hash("user-42"));
    assertThat(KeyHash.CRC32.hash(header, 9, 16)).isEqualTo(KeyHash.CRC32.hash("user-42"));
  }
}

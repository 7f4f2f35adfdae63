package io.holdfast.upstream.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.StickyConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StickyCookieTest {

  @Test
  void valuesAreOpaqueStableAndDistinctPerUpstream() {
    StickyCookie app = new StickyCookie("app", FakeServers.servers(1, 1), new StickyConfig("hf_srv", "/", null, true, false));
    StickyCookie again = new StickyCookie("app", FakeServers.servers(1, 1), new StickyConfig("hf_srv", "/", null, true, false));
    StickyCookie other = new StickyCookie("api", FakeServers.servers(1, 1), new StickyConfig("hf_srv", "/", null, true, false));
    assertThat(app.value(0)).hasSize(16).doesNotContain("127").isEqualTo(again.value(0)).isNotEqualTo(app.value(1));
    assertThat(other.value(0)).isNotEqualTo(app.value(0));
  }

  @Test
  void setCookieCarriesTheConfiguredAttributes() {
    StickyCookie plain = new StickyCookie("app", FakeServers.servers(1), new StickyConfig("hf_srv", "/", null, true, false));
    assertThat(plain.setCookie(0)).isEqualTo("hf_srv=" + plain.value(0) + "; Path=/; HttpOnly");
    StickyCookie all = new StickyCookie("app", FakeServers.servers(1),
        new StickyConfig("srv", "/app", Duration.ofMillis(1500), false, true));
    assertThat(all.setCookie(0)).isEqualTo("srv=" + all.value(0) + "; Path=/app; Max-Age=2; Secure");
  }
}

package io.holdfast.app.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.AdminConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WelcomePageTest {

  @Test
  void linksPointAtTheConfiguredAdminPort() {
    String page = WelcomePage.of(Path.of("/etc/holdfast/holdfast.json"), new AdminConfig("127.0.0.1", 9999, null))
        .body().toString();

    assertThat(page)
        .contains("<title>Holdfast is running</title>")
        .contains("href=\"http://127.0.0.1:9999/status\"")
        .contains("href=\"http://127.0.0.1:9999/status.json\"")
        .contains("href=\"http://127.0.0.1:9999/metrics\"")
        .contains("<code>/etc/holdfast/holdfast.json</code>");
  }

  @Test
  void wildcardAndIpv6AdminHostsBecomeBrowsableUrls() {
    assertThat(WelcomePage.of(Path.of("c.json"), new AdminConfig("0.0.0.0", 9090, "t")).body().toString())
        .contains("http://127.0.0.1:9090/status");
    assertThat(WelcomePage.of(Path.of("c.json"), new AdminConfig("::1", 9090, null)).body().toString())
        .contains("http://[::1]:9090/status");
  }

  @Test
  void configPathIsEscaped() {
    assertThat(WelcomePage.of(Path.of("/tmp/<x>&.json"), new AdminConfig("127.0.0.1", 9090, null)).body().toString())
        .contains("/tmp/&lt;x&gt;&amp;.json");
  }
}

package io.holdfast.listener.edge;

import io.holdfast.testkit.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Edge settings changed at runtime: ALPN follows {@code http2} on a TLS listener, h2c follows it on a plain one. */
class ListenerReloadTest {

  @RegisterExtension
  final EdgeRig rig = new EdgeRig();

  static int freePort() {
    return io.holdfast.testkit.FreePorts.next();
  }

  private HttpClient.Version version() throws Exception {
    return rig.client(HttpClient.Version.HTTP_2, null)
        .send(HttpRequest.newBuilder(rig.https("/v")).build(), HttpResponse.BodyHandlers.ofString()).version();
  }

  @Test
  void turningHttp2OffAndOnOnATlsListenerChangesWhatAlpnOffersNewConnections() throws Exception {
    TestConfig config = EdgeRig.tls(rig.config(), rig.ca.issue("localhost")).set("listeners.main.port", freePort())
        .set("instances", 2);
    rig.start(config, 2);
    int port = rig.port();
    assertThat(version()).isEqualTo(HttpClient.Version.HTTP_2);

    rig.apply(config.set("listeners.main.http2", false));
    assertThat(rig.port()).isEqualTo(port);
    for (int i = 0; i < 4; i++) {
      assertThat(version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    rig.apply(config.set("listeners.main.http2", true));
    for (int i = 0; i < 4; i++) {
      assertThat(version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
  }

  @Test
  void h2cWithPriorKnowledgeFollowsHttp2WithoutARebind() throws Exception {
    TestConfig config = rig.config();
    rig.start(config);
    assertThat(Curl.run(null, "--http2-prior-knowledge", rig.http("/a").toString()).saidHttp2()).isFalse();

    rig.apply(config.set("listeners.main.http2", true));
    assertThat(Curl.run(null, "--http2-prior-knowledge", rig.http("/a").toString()).saidHttp2()).isTrue();
  }

  @Test
  void tlsTurnedOnAndOffForAPortWithTwoInstancesServesEveryNewConnectionAccordingly() throws Exception {
    TestConfig plain = rig.config().set("listeners.main.port", freePort()).set("instances", 2);
    rig.start(plain, 2);
    TestConfig tls = EdgeRig.tls(TestConfig.of(plain.json()), rig.ca.issue("localhost"));

    rig.apply(tls);
    for (int i = 0; i < 4; i++) {
      assertThat(version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
    rig.apply(plain);
    for (int i = 0; i < 4; i++) {
      assertThat(Curl.run(null, rig.http("/plain").toString()).out()).isEqualTo("got 0");
    }
  }
}

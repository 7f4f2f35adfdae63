package io.holdfast.listener.edge;

import io.holdfast.listener.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * h2c with prior knowledge on a plain listener with {@code http2: true}, next to HTTP/1.1 on the same port;
 * curl is the client. Off by default, and h2c Upgrade is never offered.
 */
class H2cTest {

  @RegisterExtension
  final EdgeRig rig = new EdgeRig();

  @Test
  void priorKnowledgeAndHttp11ShareAPlainListenerAndAnUploadWithoutLengthArrivesWhole() throws Exception {
    rig.start(rig.config().set("listeners.main.http2", true));
    byte[] upload = new byte[100_000];
    new java.util.Random(3).nextBytes(upload);

    Curl.Result h2 = Curl.run(null, "--http2-prior-knowledge", rig.http("/a").toString());
    Curl.Result put = Curl.run(upload, "--http2-prior-knowledge", "-T", "-", rig.http("/up").toString());
    Curl.Result h1 = Curl.run(null, "--http1.1", rig.http("/b").toString());

    assertThat(h2.saidHttp2()).as(h2.trace()).isTrue();
    assertThat(h2.out()).isEqualTo("got 0");
    assertThat(put.saidHttp2()).isTrue();
    assertThat(put.out()).isEqualTo("got " + upload.length);
    assertThat(rig.seen.get(1).body().getBytes()).isEqualTo(upload);
    assertThat(rig.seen.get(1).header("transfer-encoding")).isEqualTo("chunked");
    assertThat(h1.trace()).contains("< HTTP/1.1 200");
    assertThat(h1.out()).isEqualTo("got 0");
  }

  @Test
  void anH2cUpgradeRequestIsServedAsHttp11() throws Exception {
    rig.start(rig.config().set("listeners.main.http2", true));

    Curl.Result upgrade = Curl.run(null, "--http2", rig.http("/u").toString());

    assertThat(upgrade.trace()).contains("< HTTP/1.1 200").doesNotContain("101");
    assertThat(upgrade.out()).isEqualTo("got 0");
    assertThat(rig.seen.get(0).header("upgrade")).isNull();
    assertThat(rig.seen.get(0).header("http2-settings")).isNull();
  }

  @Test
  void withoutHttp2APlainListenerAnswersThePrefaceAsABadHttp11Request() throws Exception {
    rig.start(rig.config());

    Curl.Result h2 = Curl.run(null, "--http2-prior-knowledge", rig.http("/a").toString());

    assertThat(h2.saidHttp2()).isFalse();
    assertThat(rig.seen).isEmpty();
    try (RawClient client = RawClient.connect(rig.port())) {
      assertThat(client.exchange(get("/still-http1")).status()).isEqualTo(200);
    }
  }
}

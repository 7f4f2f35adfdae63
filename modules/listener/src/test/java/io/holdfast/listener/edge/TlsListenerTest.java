package io.holdfast.listener.edge;

import io.holdfast.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS termination with real JDK clients: HTTP/2 by ALPN, HTTP/1.1, and what the upstream is told. */
class TlsListenerTest {

  @RegisterExtension
  final EdgeRig rig = new EdgeRig();

  @Test
  void aTlsListenerSpeaksHttp2ByAlpnAndHttp11ToClientsThatAskForIt() throws Exception {
    TestCertificates.Issued site = rig.ca.issue("localhost");
    rig.start(EdgeRig.tls(rig.config(), site));

    HttpResponse<String> h2 = rig.client(HttpClient.Version.HTTP_2, null)
        .send(HttpRequest.newBuilder(rig.https("/a?x=1")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> h1 = rig.client(HttpClient.Version.HTTP_1_1, null)
        .send(HttpRequest.newBuilder(rig.https("/b")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(h2.statusCode()).isEqualTo(200);
    assertThat(h2.body()).isEqualTo("got 0");
    assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(h1.body()).isEqualTo("got 0");
    EdgeRig.Seen first = rig.seen.get(0);
    assertThat(first.uri()).isEqualTo("/a?x=1");
    assertThat(first.header("x-forwarded-proto")).isEqualTo("https");
    assertThat(first.header("host")).isEqualTo("localhost:" + rig.port());
    assertThat(first.header("transfer-encoding")).isNull();
    assertThat(first.header("content-length")).isNull();
    // Both JDK clients keep their connection open: one speaks h2, both TLS.
    assertThat(rig.stats().edge().tlsConnections()).isEqualTo(2);
    assertThat(rig.stats().edge().http2Connections()).isEqualTo(1);
  }

  @Test
  void anHttp2BodyWithoutContentLengthReachesTheUpstreamWhole() throws Exception {
    rig.start(EdgeRig.tls(rig.config(), rig.ca.issue("localhost")));
    byte[] body = new byte[200_000];
    new java.util.Random(7).nextBytes(body);

    // An InputStream publisher has no length: the JDK client sends DATA frames and no content-length.
    HttpResponse<String> response = rig.client(HttpClient.Version.HTTP_2, null).send(HttpRequest.newBuilder(rig.https("/up"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.body()).isEqualTo("got " + body.length);
    EdgeRig.Seen seen = rig.seen.get(0);
    assertThat(seen.header("transfer-encoding")).isEqualTo("chunked");
    assertThat(seen.body().getBytes()).isEqualTo(body);
  }
}

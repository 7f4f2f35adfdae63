package io.holdfast.e2e;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** One Holdfast process in front of one real upstream: requests travel end to end, status answers. */
class ProxyE2ETest {

  @RegisterExtension
  static final HoldfastJar HOLDFAST = new HoldfastJar();
  private static Vertx vertx;
  private static TestUpstream upstream;
  private static TestConfig config;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = TestUpstream.start(vertx, "app");
    config = new TestConfig(upstream.port());
    HOLDFAST.start(config);
  }

  @AfterAll
  static void stop() throws Exception {
    upstream.close();
    vertx.close().await();
  }

  @Test
  void getIsAnsweredByTheUpstream() throws Exception {
    HttpResponse<String> response = Http.get(config.listenerPort, "/hello?x=1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("app /hello");
  }

  @Test
  void postOfOneMebibyteIsEchoedBackIntact() throws Exception {
    byte[] body = new byte[1 << 20];
    new Random(42).nextBytes(body);

    HttpResponse<byte[]> response = Http.client().send(
        Http.request(config.listenerPort, "/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(body.length).isEqualTo(body);
  }

  @Test
  void sequentialRequestsShareOneUpstreamConnection() throws Exception {
    int connectionsBefore = upstream.connections.get();
    int requestsBefore = upstream.requests.get();

    for (int i = 0; i < 20; i++) {
      assertThat(Http.get(config.listenerPort, "/seq/" + i).statusCode()).isEqualTo(200);
    }

    assertThat(upstream.requests.get() - requestsBefore).isEqualTo(20);
    assertThat(upstream.connections.get() - connectionsBefore)
        .as("upstream connections opened for 20 sequential requests on one instance")
        .isLessThanOrEqualTo(1);
  }

  @Test
  void statusOnTheAdminPortIsNginxStubStatusText() throws Exception {
    Http.get(config.listenerPort, "/before-status");

    HttpResponse<String> response = Http.get(config.adminPort, "/status");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).matches(
        "Active connections: \\d+ \nserver accepts handled requests\n \\d+ \\d+ [1-9]\\d* \n"
            + "Reading: \\d+ Writing: \\d+ Waiting: \\d+ \n");
  }

  @Test
  void unknownAdminPathIsNotFound() throws Exception {
    assertThat(Http.get(config.adminPort, "/no-such-endpoint").statusCode()).isEqualTo(404);
  }
}

package io.holdfast.listener.edge;

import io.holdfast.listener.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;

/** What a listener answers by itself at the edge: HSTS on every response of a TLS listener, redirects to https. */
class EdgeAnswersTest {

  private static final String HSTS = "max-age=31536000; includeSubDomains";

  @RegisterExtension
  final EdgeRig rig = new EdgeRig();

  @Test
  void hstsIsOnEveryResponseOfTheListenerHoldfastsOwnRepliesIncluded() throws Exception {
    rig.start(EdgeRig.tls(rig.config(), rig.ca.issue("localhost")).set("listeners.main.tls.hsts", HSTS)
        .set("listeners.main.routes", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
            .put("path", "/app/").put("upstream", "app"))));
    HttpClient h2 = rig.client(HttpClient.Version.HTTP_2, null);

    HttpResponse<String> proxied = h2.send(HttpRequest.newBuilder(rig.https("/app/x")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unrouted = h2.send(HttpRequest.newBuilder(rig.https("/elsewhere")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(proxied.statusCode()).isEqualTo(200);
    assertThat(proxied.headers().firstValue("strict-transport-security")).hasValue(HSTS);
    assertThat(unrouted.statusCode()).isEqualTo(404);
    assertThat(unrouted.headers().firstValue("strict-transport-security")).hasValue(HSTS);
    try (SSLSocket socket = (SSLSocket) rig.trusting().getSocketFactory().createSocket("127.0.0.1", rig.port());
         RawClient http1 = RawClient.over(socket)) {
      RawClient.Response refused = http1.send("GET / HTTP/1.1\r\n\r\n").read();
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.header("strict-transport-security")).isEqualTo(HSTS);
    }
  }

  @Test
  void aPlainListenerWithRedirectHttpsSendsEveryRequestToHttpsKeepingPathAndQuery() throws Exception {
    rig.start(rig.config().set("listeners.main.redirectHttps", 8443));
    try (RawClient client = RawClient.connect(rig.port())) {
      RawClient.Response moved = client.exchange(request("/a/b?x=1&y=%20", "example.com:8080"));
      assertThat(moved.status()).isEqualTo(301);
      assertThat(moved.header("location")).isEqualTo("https://example.com:8443/a/b?x=1&y=%20");
      assertThat(client.exchange(request("/", "[::1]:8080")).header("location")).isEqualTo("https://[::1]:8443/");
      RawClient.Response noHost = client.send("GET /x HTTP/1.0\r\n\r\n").read();
      assertThat(noHost.status()).isEqualTo(400);
    }
    assertThat(rig.seen).isEmpty();

    rig.apply(rig.config().set("listeners.main.redirectHttps", 443));
    try (RawClient client = RawClient.connect(rig.port())) {
      assertThat(client.exchange(request("/p?q", "example.com")).header("location")).isEqualTo("https://example.com/p?q");
    }
    rig.apply(rig.config());
    try (RawClient client = RawClient.connect(rig.port())) {
      assertThat(client.exchange(get("/served")).body()).isEqualTo("got 0");
    }
  }

  private static String request(String path, String host) {
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
  }
}

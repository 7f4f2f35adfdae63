package io.holdfast.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP/1.1 client for the tests; it keeps connections alive as browsers and SDKs do. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Http() {
  }

  static HttpClient client() {
    return CLIENT;
  }

  static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
  }

  static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return CLIENT.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString());
  }
}

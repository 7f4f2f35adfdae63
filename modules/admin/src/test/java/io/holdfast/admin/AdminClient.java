package io.holdfast.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A real HTTP client for the admin port, synchronous for tests. The JDK's client, not Vert.x's: a Vert.x
 * HttpClient driven from the JUnit thread left about one request in 500 unanswered (seen on main too), the
 * JDK client none in 2400.
 */
final class AdminClient {

  record Response(int status, HttpHeaders headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    JsonArray jsonArray() {
      return new JsonArray(body);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /**
   * How long a test waits for an answer, a deployment or a condition. Generous: on a loaded machine (parallel
   * builds on two cores) a cold JVM took over 5 s to deploy the admin verticles and its first request can take
   * as long; no admin test times anything, so a short wait only turns slowness into a failure.
   */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(PATIENCE).build();
  private final int port;

  AdminClient(Vertx vertx, int port) {
    this.port = port;
  }

  Response get(String path) throws Exception {
    return send(HttpMethod.GET, path, Map.of(), null);
  }

  Response send(HttpMethod method, String path, Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(PATIENCE)
        .method(method.name(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.headers(), response.body());
  }
}

package io.holdfast.listener.hostile;

import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose request line cannot be read at all is answered in HTTP/1.1, like every other answer of
 * this HTTP/1.1 server (nginx and HAProxy do the same), not in the HTTP/1.0 of Netty's stand-in request.
 */
class InvalidRequestStatusLineTest {

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    port = GovernedOkServer.start(vertx, TestConfig.proxying(1).listenerConfig("main"));
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "oversize request line | 414",
      "bare LF after the request line | 400",
      "garbage request line | 400",
      "sound request | 200"})
  void answerCarriesAnHttp11StatusLine(String kind, int status) throws Exception {
    String request = switch (kind) {
      case "oversize request line" -> "GET /" + "a".repeat(ListenerConfig.DEFAULT_MAX_URI_LENGTH + 1)
          + " HTTP/1.1\r\nHost: t\r\n\r\n";
      case "bare LF after the request line" -> "GET / HTTP/1.1\nHost: t\n\n";
      case "garbage request line" -> "NOT AN HTTP REQUEST\r\n\r\n";
      default -> "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
    };
    try (RawClient client = RawClient.connect(port)) {
      RawClient.Response response = client.exchange(request);
      assertThat(response.statusLine()).startsWith("HTTP/1.1 " + status + " ");
    }
  }
}

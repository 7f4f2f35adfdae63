package io.holdfast.proxy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which request heads are passed through as a protocol switch; the rest lose their Upgrade. */
class UpgradeRequestsTest {

  @ParameterizedTest(name = "{0} http11={1} Connection=[{2}] Upgrade=[{3}] chunked={4} -> {5}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "GET  | true  | Upgrade               | websocket | false | true",
      "GET  | true  | keep-alive, Upgrade   | websocket | false | true",
      "GET  | true  | upgrade,keep-alive    | echo/1    | false | true",
      "GET  | true  | keep-alive            | websocket | false | false",
      "GET  | true  | Upgrades              | websocket | false | false",
      "GET  | true  | Upgrade               | -         | false | false",
      "GET  | true  | Upgrade               | h2c       | false | false",
      "GET  | true  | Upgrade, HTTP2-Settings | h2c, websocket | false | false",
      "GET  | false | Upgrade               | websocket | false | false",
      "POST | true  | Upgrade               | websocket | false | false",
      "GET  | true  | Upgrade               | websocket | true  | false",
  })
  void passesOnlyAnHttp11GetAskingForANonH2cUpgradeWithoutAChunkedBody(String method, boolean http11,
      String connection, String upgrade, boolean chunked, boolean tunnelled) {
    assertThat(UpgradeRequests.tunnelled(method, http11, List.of(connection), upgrade, chunked)).isEqualTo(tunnelled);
  }
}

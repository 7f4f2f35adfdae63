package io.holdfast.accesslog;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFormatTest {

  private final JsonFormat format = new JsonFormat(new LogClock(ZoneId.of("UTC")));

  private JsonObject parsed(AccessRecord record) {
    LineBuffer out = new LineBuffer(16);
    format.append(record, out);
    String line = new String(out.view().array(), 0, out.length(), StandardCharsets.US_ASCII);
    assertThat(line).endsWith("}\n").doesNotContain("\n{");
    return new JsonObject(line);
  }

  @Test
  void aProxiedRequestHasEveryCombinedFieldTheUpstreamAndItsTimings() {
    JsonObject line = parsed(Records.proxied(false));

    assertThat(line.getString("time")).isEqualTo("2026-11-25T07:00:00.123+00:00");
    assertThat(line.getString("remote_addr")).isEqualTo("127.0.0.1");
    assertThat(line.getValue("remote_user")).isNull();
    assertThat(line.getString("request")).isEqualTo("GET /a?b=1 HTTP/1.1");
    assertThat(line.getString("method")).isEqualTo("GET");
    assertThat(line.getString("uri")).isEqualTo("/a?b=1");
    assertThat(line.getString("protocol")).isEqualTo("HTTP/1.1");
    assertThat(line.getInteger("status")).isEqualTo(200);
    assertThat(line.getLong("body_bytes_sent")).isEqualTo(12);
    assertThat(line.getValue("http_referer")).isNull();
    assertThat(line.getString("http_user_agent")).isEqualTo("curl/8.0");
    assertThat(line.getDouble("request_time")).isEqualTo(0.002);
    assertThat(line.getDouble("upstream_connect_time")).isEqualTo(0.0);
    assertThat(line.getDouble("upstream_response_time")).isEqualTo(0.002);
    assertThat(line.getBoolean("upstream_reused")).isFalse();
    assertThat(line.getString("upstream_addr")).isEqualTo("127.0.0.1:8000");
    assertThat(line.getString("upstream_name")).isEqualTo("app");
    assertThat(line.getInteger("upstream_status")).isEqualTo(200);
    assertThat(line.getString("listener")).isEqualTo("main");
  }

  @Test
  void reusedHasNoConnectTimeAndSelfAnsweredHasNoUpstream() {
    JsonObject reused = parsed(Records.proxied(true));
    JsonObject own = parsed(Records.selfAnswered(404));

    assertThat(reused.getBoolean("upstream_reused")).isTrue();
    assertThat(reused.getValue("upstream_connect_time")).isNull();
    assertThat(own.getValue("upstream_reused")).isNull();
    assertThat(own.getValue("upstream_addr")).isNull();
    assertThat(own.getValue("upstream_name")).isNull();
    assertThat(own.getValue("upstream_status")).isNull();
    assertThat(own.getValue("upstream_response_time")).isNull();
  }

  @Test
  void anyReceivedByteStaysValidJsonOneCodePointPerByte() {
    String agent = "a\"b\\c\n\u0001\u00c3\u00a9\u20ac";
    AccessRecord r = new AccessRecord("main", Records.AT, "127.0.0.1", null, "GET", "/", "HTTP/1.1", 200, 0, null,
        agent, 0, null, null, AccessRecord.NO_UPSTREAM, -1, -1, 0);

    JsonObject line = parsed(r);

    // U+20AC is not from the wire; it is written as its UTF-8 bytes E2 82 AC, one escape each.
    assertThat(line.getString("http_user_agent")).isEqualTo("a\"b\\c\n\u0001\u00c3\u00a9\u00e2\u0082\u00ac");
  }
}

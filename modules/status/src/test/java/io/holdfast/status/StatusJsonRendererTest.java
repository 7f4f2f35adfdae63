package io.holdfast.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonRendererTest {

  private final JsonObject json = StatusJsonRenderer.render(
      StatsAggregate.of(List.of(Samples.instanceA(), Samples.instanceB())), Samples.RUNTIME,
      Samples.snapshot(3, 8080), Instant.parse("2026-01-01T01:00:00Z"));

  @Test
  void carriesStubStatusFigures() {
    assertThat(json.getJsonObject("connections").getMap())
        .containsEntry("active", 9).containsEntry("reading", 1).containsEntry("writing", 3)
        .containsEntry("waiting", 5).containsEntry("accepted", 22L).containsEntry("handled", 21L);
    assertThat(json.getLong("requests")).isEqualTo(170);
    assertThat(json.getInteger("instances")).isEqualTo(2);
  }

  @Test
  void carriesRuntimeAndConfigIdentity() {
    JsonObject runtime = json.getJsonObject("runtime");
    assertThat(runtime.getString("version")).isEqualTo("1.2.3");
    assertThat(runtime.getString("transport")).isEqualTo("epoll");
    assertThat(runtime.getString("transportFallbackReason")).contains("seccomp");
    assertThat(runtime.getString("startedAt")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(runtime.getLong("uptimeSeconds")).isEqualTo(3600);
    JsonObject config = json.getJsonObject("config");
    assertThat(config.getLong("version")).isEqualTo(3);
    assertThat(config.getString("appliedAt")).isEqualTo("2026-01-01T00:00:05Z");
    assertThat(config.getString("source")).isEqualTo("file");
  }

  @Test
  void listsEveryCloseReasonPerListener() {
    JsonObject closed = json.getJsonObject("listeners").getJsonObject("main").getJsonObject("closed");
    assertThat(closed.fieldNames())
        .containsExactly("idle-timeout", "requests-limit", "lifetime", "client", "error", "refused", "shutdown",
            "header-timeout", "body-timeout", "send-timeout", "bad-request");
    assertThat(closed.getLong("idle-timeout")).isEqualTo(6);
    assertThat(closed.getLong("body-timeout")).isEqualTo(2);
    assertThat(json.getJsonObject("listeners").getJsonObject("alt").getJsonObject("closed").getLong("refused"))
        .isEqualTo(1);
  }

  @Test
  void detailsEachUpstreamServer() {
    JsonObject server = json.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000");
    assertThat(server.fieldNames()).containsExactly("down", "downOn", "open", "active", "idle", "lingering",
        "opened", "closed", "requests", "reused", "reuseRatio", "retried", "failures", "responseTime");
    assertThat(server.getBoolean("down")).isTrue();
    assertThat(server.getLong("requests")).isEqualTo(150);
    assertThat(server.getLong("reused")).isEqualTo(130);
    assertThat(server.getDouble("reuseRatio")).isEqualTo(0.8667);
    assertThat(server.getJsonObject("responseTime").getDouble("avgMs")).isEqualTo(1.0);
    assertThat(server.getJsonObject("responseTime").getDouble("maxMs")).isEqualTo(9.0);
  }
}

package io.holdfast.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.ConfigParser;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.config.HoldfastConfig;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
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
  void carriesEachServersHealthAndLastProbeFromTheHealthOwner() {
    JsonObject health = StatusJsonRenderer.render(
        StatsAggregate.of(List.of(Samples.instanceA()), Samples.health()), Samples.RUNTIME, Samples.snapshot(3, 8080),
        Instant.parse("2026-01-01T01:00:00Z")).getJsonObject("upstreams").getJsonObject("app")
        .getJsonObject("servers").getJsonObject("127.0.0.1:8000").getJsonObject("health");
    assertThat(health).isEqualTo(new JsonObject()
        .put("state", "down").put("source", "probe").put("since", "2026-01-01T00:59:50Z").put("checks", true)
        .put("passiveUntil", null)
        .put("lastProbe", new JsonObject().put("at", "2026-01-01T00:59:58Z").put("status", 503).put("error", null)
            .put("durationMs", 1.5).put("passed", false))
        .put("probes", new JsonObject().put("passed", 40L).put("badStatus", 3L).put("error", 1L).put("timeout", 2L)));
    assertThat(json.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000").containsKey("health")).as("null when the owner did not answer").isTrue();
  }

  @Test
  void sumsTunnelsPerServerApartFromPooledConnectionsAndCountsThemPerListener() {
    JsonObject tunnelled = StatusJsonRenderer.render(StatsAggregate.of(List.of(
            Samples.tunnelled("a", 2, new io.holdfast.bus.TunnelStats(2, 5, 1000, 9000, 1, 1, 1, 0)),
            Samples.tunnelled("b", 1, new io.holdfast.bus.TunnelStats(1, 2, 10, 90, 0, 0, 0, 1)))),
        Samples.RUNTIME, Samples.snapshot(3, 8080), Instant.parse("2026-01-01T01:00:00Z"));
    JsonObject server = tunnelled.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000");

    assertThat(server.getJsonObject("tunnels")).isEqualTo(new JsonObject()
        .put("open", 3).put("opened", 7L).put("bytesToUpstream", 1010L).put("bytesToClient", 9090L)
        .put("closed", new JsonObject().put("client", 1L).put("upstream", 1L).put("idle-timeout", 1L)
            .put("shutdown", 1L)));
    assertThat(server.getInteger("open")).as("pooled connections only").isEqualTo(2);
    JsonObject main = tunnelled.getJsonObject("listeners").getJsonObject("main");
    assertThat(main.getInteger("tunnels")).isEqualTo(3);
    assertThat(main.getJsonObject("closed").getLong("upstream")).isEqualTo(2);
  }

  @Test
  void countsResponsesByClassPerListenerAndServerAndShowsTheAccessLog() {
    io.holdfast.bus.InstanceStats one = new io.holdfast.bus.InstanceStats("x",
        List.of(new io.holdfast.bus.ListenerStats("main", 1, 1, 5, 0, 0, 0, 0, java.util.Map.of(),
            new io.holdfast.bus.StatusClasses(0, 3, 1, 1, 0))),
        List.of(new io.holdfast.bus.ServerStats("app", "127.0.0.1:8000", 1, 0, 0, 0, 0, 0, 1, 0, 3, 2, 0, 0, 0, 0, 0, 0,
            0, -1, null, 0, 0, new io.holdfast.bus.StatusClasses(0, 2, 1, 0, 0))));
    JsonObject doc = StatusJsonRenderer.render(StatsAggregate.of(List.of(one), null,
            new io.holdfast.bus.AccessLogStats("logs/access.log", "json", 5, 1, 0, 2)), Samples.RUNTIME,
        Samples.snapshot(3, 8080), Instant.parse("2026-01-01T01:00:00Z"));

    assertThat(doc.getJsonObject("listeners").getJsonObject("main").getJsonObject("responses")).isEqualTo(
        new JsonObject().put("1xx", 0L).put("2xx", 3L).put("3xx", 1L).put("4xx", 1L).put("5xx", 0L));
    assertThat(doc.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000").getJsonObject("responses").getLong("3xx")).isEqualTo(1);
    assertThat(doc.getJsonObject("accessLog")).isEqualTo(new JsonObject().put("enabled", true)
        .put("path", "logs/access.log").put("format", "json").put("written", 5L).put("dropped", 1L)
        .put("failed", 0L).put("reopened", 2L));
    assertThat(json.getJsonObject("accessLog").getBoolean("enabled")).as("no writer answered").isFalse();
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
  void showsHowTheDefaultMaxConnectionsWasDerivedFromTheDescriptorLimit() {
    JsonObject upstreams = new JsonObject("{\"app\": {\"servers\": [{\"address\": \"127.0.0.1:8000\"}]}}");
    HoldfastConfig config = ConfigParser.parse(new JsonObject().put("instances", 2).put("upstreams", upstreams)
        .put("listeners", new JsonObject("{\"main\": {\"port\": 8080}, \"alt\": {\"port\": 8081, \"maxConnections\": 500}}")),
        OptionalLong.of(20_000)).config();

    JsonObject limits = StatusJsonRenderer.render(StatsAggregate.empty(), Samples.RUNTIME,
        new ConfigSnapshot(1, Instant.EPOCH, "file", config), Instant.EPOCH).getJsonObject("limits");

    // 20000 − 256 reserved − 64 idle (1 server × 32 × 2 instances) − 2 × 500 for alt, 2 per client connection.
    int derived = (20_000 - 256 - 64 - 1_000) / 2;
    assertThat(limits.getJsonObject("fileDescriptors")).isEqualTo(new JsonObject()
        .put("limit", 20_000).put("needed", 256 + 64 + 1_000 + 2 * derived).put("perClientConnection", 2)
        .put("upstreamIdle", 64).put("reserved", 256).put("fits", true));
    assertThat(limits.getJsonObject("maxConnections")).isEqualTo(new JsonObject()
        .put("default", derived).put("lowered", true)
        .put("listeners", new JsonObject()
            .put("main", new JsonObject().put("maxConnections", derived).put("set", false))
            .put("alt", new JsonObject().put("maxConnections", 500).put("set", true))));
  }

  @Test
  void listsEveryCloseReasonPerListener() {
    JsonObject closed = json.getJsonObject("listeners").getJsonObject("main").getJsonObject("closed");
    assertThat(closed.fieldNames())
        .containsExactly("idle-timeout", "requests-limit", "lifetime", "client", "error", "refused", "shutdown",
            "header-timeout", "body-timeout", "send-timeout", "bad-request", "upstream");
    assertThat(closed.getLong("idle-timeout")).isEqualTo(6);
    assertThat(closed.getLong("body-timeout")).isEqualTo(2);
    assertThat(json.getJsonObject("listeners").getJsonObject("alt").getJsonObject("closed").getLong("refused"))
        .isEqualTo(1);
  }

  @Test
  void countsTlsAndHttp2PerListenerSummedOverInstances() {
    io.holdfast.bus.ListenerStats.Edge edge = new io.holdfast.bus.ListenerStats.Edge(3, 2, 40, 1, 2);
    io.holdfast.bus.ListenerStats edgeStats = new io.holdfast.bus.ListenerStats("main", 5, 5, 50, 3, 0, 1, 2,
        java.util.Map.of(), io.holdfast.bus.StatusClasses.NONE, 0, edge);
    JsonObject main = StatusJsonRenderer.render(StatsAggregate.of(List.of(
            new io.holdfast.bus.InstanceStats("a", List.of(edgeStats), List.of()),
            new io.holdfast.bus.InstanceStats("b", List.of(edgeStats), List.of()))),
        Samples.RUNTIME, Samples.snapshot(3, 8080), Instant.EPOCH).getJsonObject("listeners").getJsonObject("main");

    assertThat(main.getJsonObject("tls")).isEqualTo(new JsonObject().put("connections", 6));
    assertThat(main.getJsonObject("http2")).isEqualTo(new JsonObject().put("connections", 4).put("streams", 80L)
        .put("streamsReset", new JsonObject().put("body-timeout", 2L).put("send-timeout", 4L)));
  }

  @Test
  void detailsEachUpstreamServer() {
    JsonObject server = json.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000");
    assertThat(server.fieldNames()).containsExactly("down", "downOn", "open", "active", "idle", "lingering",
        "opened", "closed", "requests", "reused", "reuseRatio", "retried", "failures", "peakActive",
        "idleClosedByUpstream", "keepAliveTimeoutAnnounced", "responses", "responseTime", "tlsHandshakes", "tunnels",
        "health");
    assertThat(server.getValue("keepAliveTimeoutAnnounced")).isNull();
    assertThat(server.getBoolean("down")).isTrue();
    assertThat(server.getLong("requests")).isEqualTo(150);
    assertThat(server.getLong("reused")).isEqualTo(130);
    assertThat(server.getDouble("reuseRatio")).isEqualTo(0.8667);
    assertThat(server.getJsonObject("responseTime").getDouble("avgMs")).isEqualTo(1.0);
    assertThat(server.getJsonObject("responseTime").getDouble("maxMs")).isEqualTo(9.0);
    assertThat(server.getJsonObject("tlsHandshakes")).isEqualTo(new JsonObject().put("full", 2L).put("resumed", 18L));
  }
}

package io.holdfast.routing;

import io.holdfast.testkit.TestConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

  private final RouteTable table = RouteTable.of(List.of(
      new Route("/", "root", null),
      new Route("/api/v2/", "v2", "api.internal"),
      new Route("/api", "api", null),
      new Route("/static/", "files", null)));

  @Test
  void longestMatchingPrefixWins() {
    assertThat(table.match("/api/v2/users").upstream()).isEqualTo("v2");
    assertThat(table.match("/api/v1/users").upstream()).isEqualTo("api");
    assertThat(table.match("/static/a.css").upstream()).isEqualTo("files");
    assertThat(table.match("/other").upstream()).isEqualTo("root");
  }

  @Test
  void prefixIsPureStringPrefixLikeNginxLocation() {
    assertThat(table.match("/apix").upstream()).isEqualTo("api");
    assertThat(table.match("/api").upstream()).isEqualTo("api");
    assertThat(table.match("/static").upstream()).isEqualTo("root");
  }

  @Test
  void noMatchingPrefixGivesNull() {
    RouteTable noRoot = RouteTable.of(List.of(new Route("/api", "api", null)));
    assertThat(noRoot.match("/web")).isNull();
    assertThat(noRoot.match("")).isNull();
    assertThat(noRoot.match(null)).isNull();
    assertThat(RouteTable.empty().match("/")).isNull();
  }

  @Test
  void firstListedWinsAmongEqualPrefixes() {
    RouteTable dup = RouteTable.of(List.of(new Route("/a", "first", null), new Route("/a", "second", null)));
    assertThat(dup.match("/a/b").upstream()).isEqualTo("first");
  }

  @Test
  void hostOverrideTravelsWithTheRoute() {
    assertThat(table.match("/api/v2/x").hostOverride()).isEqualTo("api.internal");
    assertThat(table.match("/x").hostOverride()).isNull();
  }

  @Test
  void compileBuildsOneTablePerListenerWithTheSnapshotVersion() {
    RouteTables tables = RouteTables.compile(TestConfig.create()
        .upstream("app", 8000).upstream("api", 8001).upstream("x", 8002)
        .listener("main", 8080, "app")
        .route("main", new JsonObject().put("path", "/api").put("upstream", "api").put("host", "h"))
        .listener("admin", 8081).route("admin", "/x", "x")
        .snapshot(7));

    assertThat(tables.configVersion()).isEqualTo(7);
    assertThat(tables.byListener()).containsOnlyKeys("main", "admin");
    assertThat(tables.forListener("main").match("/api/q").upstream()).isEqualTo("api");
    assertThat(tables.forListener("main").match("/api/q").hostOverride()).isEqualTo("h");
    assertThat(tables.forListener("admin").match("/y")).isNull();
    assertThat(tables.forListener("missing")).isNull();
  }

  @Test
  void aSplitRouteCompilesToASplitTableAndNamesNoUpstream() {
    RouteTables tables = RouteTables.compile(TestConfig.create()
        .upstream("app", 8000).upstream("canary", 8001).listener("main", 8080)
        .route("main", new JsonObject().put("path", "/").put("split", new JsonObject().put("key", "$cookie_uid")
            .put("buckets", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("percent", 20).put("upstream", "canary"))
                .add(new JsonObject().put("percent", "*").put("upstream", "app")))))
        .snapshot(1));
    Route route = tables.forListener("main").match("/x");
    assertThat(route.upstream()).isNull();
    assertThat(route.split().upstream(io.holdfast.config.key.KeyHash.MURMUR2.hash("user-1"))).isEqualTo("canary");
    assertThat(route.split().upstream(io.holdfast.config.key.KeyHash.MURMUR2.hash("user-3"))).isEqualTo("app");
  }

  @Test
  void routesAreListedLongestFirst() {
    assertThat(table.routes()).extracting(Route::prefix).containsExactly("/api/v2/", "/static/", "/api", "/");
  }
}

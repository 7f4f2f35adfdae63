package io.holdfast.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterSectionTest {

  private static ConfigResult parse(JsonObject cluster) {
    return ConfigParser.parse(ConfigParserTest.minimal().put("cluster", cluster));
  }

  private static List<String> errorPaths(ConfigResult result) {
    return result.errors().stream().map(ConfigError::path).toList();
  }

  @Test
  void withoutTheSectionClusteringIsOffWithTheContractDefaults() {
    ClusterConfig cluster = ConfigParser.parse(ConfigParserTest.minimal()).config().cluster();

    assertThat(cluster).isEqualTo(ClusterConfig.DISABLED);
    assertThat(cluster.enabled()).isFalse();
    assertThat(cluster.name()).isEqualTo("holdfast");
    assertThat(cluster.host()).isEqualTo("127.0.0.1");
    assertThat(cluster.port()).isEqualTo(5801);
    assertThat(cluster.members()).containsExactly("127.0.0.1");
  }

  @Test
  void membersAreHostsOrHostsWithAPort() {
    ClusterConfig cluster = parse(new JsonObject().put("enabled", true).put("name", "edge").put("host", "10.0.0.5")
        .put("port", 5901).put("busPort", 5902)
        .put("members", new JsonArray().add("10.0.0.5").add("10.0.0.6:5901").add("[fd00::7]:5901").add("[fd00::8]")))
        .config().cluster();

    assertThat(cluster.enabled()).isTrue();
    assertThat(cluster.members()).containsExactly("10.0.0.5", "10.0.0.6:5901", "[fd00::7]:5901", "[fd00::8]");
    assertThat(cluster.busPort()).isEqualTo(5902);
  }

  @Test
  void aMemberWithABadPortIsRefusedAtItsIndex() {
    ConfigResult result = parse(new JsonObject().put("members", new JsonArray().add("10.0.0.5").add("10.0.0.6:70000")
        .add("10.0.0.7:x").add(3)));

    assertThat(errorPaths(result)).containsExactly("cluster.members[1]", "cluster.members[2]", "cluster.members[3]");
    assertThat(result.errors().get(0).message()).isEqualTo("port must be 1-65535, got 70000");
  }

  @Test
  void aWildcardHostIsRefusedBecauseTheOtherNodesMustReachIt() {
    ConfigResult result = parse(new JsonObject().put("host", "0.0.0.0"));

    assertThat(errorPaths(result)).containsExactly("cluster.host");
    assertThat(result.errors().get(0).message()).contains("\"auto\"");
  }

  @Test
  void kubernetesDiscoveryReplacesTheMemberList() {
    ClusterConfig cluster = parse(new JsonObject().put("enabled", true).put("host", "auto")
        .put("kubernetes", new JsonObject().put("serviceDns", "holdfast-hs.edge.svc.cluster.local")))
        .config().cluster();

    assertThat(cluster.kubernetes()).isTrue();
    assertThat(cluster.kubernetesServiceDns()).isEqualTo("holdfast-hs.edge.svc.cluster.local");
    assertThat(cluster.members()).isEmpty();
    assertThat(cluster.host()).isEqualTo(ClusterConfig.AUTO_HOST);
  }

  @Test
  void membersAndKubernetesTogetherAreRefused() {
    ConfigResult result = parse(new JsonObject().put("members", new JsonArray().add("10.0.0.5"))
        .put("kubernetes", new JsonObject().put("serviceDns", "holdfast-hs")));

    assertThat(errorPaths(result)).containsExactly("cluster.members");
  }

  @Test
  void theBusPortMayNotBeTheClusterPortAndUnknownKeysAreNamed() {
    ConfigResult result = parse(new JsonObject().put("port", 5801).put("busPort", 5801).put("member", "x"));

    assertThat(errorPaths(result)).containsExactly("cluster.busPort", "cluster.member");
    assertThat(result.errors().get(1).message()).contains("did you mean \"members\"");
  }

  @Test
  void theWrittenOutConfigParsesToTheSameCluster() {
    for (JsonObject section : List.of(new JsonObject().put("enabled", true).put("busPort", 6000),
        new JsonObject().put("kubernetes", new JsonObject().put("serviceDns", "hs.ns.svc.cluster.local")))) {
      HoldfastConfig config = parse(section).config();
      assertThat(ConfigParser.parse(ConfigJson.toJson(config)).config().cluster()).isEqualTo(config.cluster());
    }
  }
}

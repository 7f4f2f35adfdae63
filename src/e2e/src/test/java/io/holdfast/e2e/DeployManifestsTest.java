package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.config.ClusterConfig;
import io.holdfast.config.ConfigError;
import io.holdfast.config.ConfigParser;
import io.holdfast.config.ConfigResult;
import io.holdfast.config.HoldfastConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * src/deploy checked offline (no container engine runs here): the Kubernetes manifests parse and agree with
 * the config they ship — its ports are the container's and the Services' ports, its fleet discovery names the
 * headless Service, the probes ask the admin port's /healthz — and the Dockerfile, its seed config, the
 * launcher and the build pass Hazelcast the same Java flags.
 */
class DeployManifestsTest {

  private static final Path DEPLOY = HoldfastProcess.HOME.resolve("src/deploy");
  private static final Map<String, Map<String, Object>> BY_KIND_AND_NAME = new HashMap<>();

  @BeforeAll
  static void parseManifests() throws IOException {
    try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
          Map<String, Object> resource = map(document);
          assertThat(resource).as(file.toString()).containsKeys("apiVersion", "kind");
          if (!"Kustomization".equals(resource.get("kind"))) {
            BY_KIND_AND_NAME.put(resource.get("kind") + "/" + map(resource.get("metadata")).get("name"), resource);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  private static Map<String, Object> resource(String kindAndName) {
    assertThat(BY_KIND_AND_NAME).containsKey(kindAndName);
    return BY_KIND_AND_NAME.get(kindAndName);
  }

  private static HoldfastConfig parse(String json) {
    ConfigResult result = ConfigParser.parse(new JsonObject(json));
    assertThat(result.errors()).extracting(ConfigError::toString).isEmpty();
    return result.config();
  }

  private static HoldfastConfig configMapConfig() {
    return parse((String) map(resource("ConfigMap/holdfast-config").get("data")).get("holdfast.json"));
  }

  private static Map<String, Object> podSpec() {
    return map(map(map(resource("Deployment/holdfast").get("spec")).get("template")).get("spec"));
  }

  private static Map<String, Object> container() {
    return map(list(podSpec().get("containers")).get(0));
  }

  private static Map<String, Integer> containerPorts() {
    return list(container().get("ports")).stream().map(DeployManifestsTest::map)
        .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));
  }

  @Test
  void theConfigMapHoldsAValidFleetConfigWhoseDiscoveryIsTheHeadlessService() {
    HoldfastConfig config = configMapConfig();
    ClusterConfig cluster = config.cluster();
    Map<String, Object> headless = resource("Service/holdfast-hs");
    Map<String, Object> metadata = map(headless.get("metadata"));

    assertThat(cluster.enabled()).isTrue();
    assertThat(cluster.host()).as("a pod's address is known only when it starts").isEqualTo(ClusterConfig.AUTO_HOST);
    assertThat(cluster.kubernetesServiceDns())
        .isEqualTo(metadata.get("name") + "." + metadata.get("namespace") + ".svc.cluster.local");
    assertThat(map(headless.get("spec"))).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
    assertThat(config.admin().token()).as("the entrypoint fills it from the Secret").isEqualTo("@ADMIN_TOKEN@");
  }

  @Test
  void theContainerPortsAreTheConfigsPortsAndTheServicesTargetThem() {
    HoldfastConfig config = configMapConfig();
    Map<String, Integer> ports = containerPorts();

    assertThat(ports).containsEntry("http", config.listeners().get("main").port())
        .containsEntry("admin", config.admin().port())
        .containsEntry("cluster", config.cluster().port())
        .containsEntry("bus", config.cluster().busPort());
    Map<String, Object> hsPort = map(list(map(resource("Service/holdfast-hs").get("spec")).get("ports")).get(0));
    assertThat(hsPort).containsEntry("port", config.cluster().port()).containsEntry("targetPort", "cluster");
    Map<String, Object> httpPort = map(list(map(resource("Service/holdfast").get("spec")).get("ports")).get(0));
    assertThat(ports).containsKey((String) httpPort.get("targetPort"));
  }

  @Test
  void theServicesSelectThePodsAndTheProbesAskTheAdminPortsHealthz() {
    Map<String, Object> labels = map(map(map(map(resource("Deployment/holdfast").get("spec")).get("template"))
        .get("metadata")).get("labels"));
    for (String service : List.of("Service/holdfast-hs", "Service/holdfast")) {
      assertThat(labels).containsAllEntriesOf(map(map(resource(service).get("spec")).get("selector")));
    }
    for (String probe : List.of("livenessProbe", "readinessProbe")) {
      Map<String, Object> get = map(map(container().get(probe)).get("httpGet"));
      assertThat(get).containsEntry("path", "/healthz").containsEntry("port", "admin");
    }
    assertThat(map(podSpec().get("securityContext"))).containsEntry("runAsNonRoot", true);
    assertThat((Integer) podSpec().get("terminationGracePeriodSeconds"))
        .isGreaterThan((int) configMapConfig().shutdownTimeout().toSeconds());
  }

  @Test
  void theSeedIsMountedWhereTheEntrypointLooksAndTheConfigLivesInAWritableVolume() {
    Map<String, String> env = list(container().get("env")).stream().map(DeployManifestsTest::map)
        .filter(e -> e.containsKey("value")).collect(Collectors.toMap(e -> (String) e.get("name"), e -> (String) e.get("value")));
    Map<String, String> mounts = list(container().get("volumeMounts")).stream().map(DeployManifestsTest::map)
        .collect(Collectors.toMap(m -> (String) m.get("name"), m -> (String) m.get("mountPath")));
    Map<String, Map<String, Object>> volumes = list(podSpec().get("volumes")).stream().map(DeployManifestsTest::map)
        .collect(Collectors.toMap(v -> (String) v.get("name"), v -> v));

    assertThat(Path.of(env.get("HOLDFAST_SEED")).getParent().toString()).isEqualTo(mounts.get("seed"));
    assertThat(map(volumes.get("seed").get("configMap"))).containsEntry("name", "holdfast-config");
    assertThat(Path.of(env.get("HOLDFAST_CONFIG")).getParent().toString()).isEqualTo(mounts.get("state"));
    assertThat(volumes.get("state")).containsKey("emptyDir");
    assertThat(list(container().get("env")).stream().map(DeployManifestsTest::map))
        .anySatisfy(e -> assertThat(e.get("name")).isEqualTo("HOLDFAST_ADMIN_TOKEN"));
  }

  @Test
  void theDockerfileRunsTheJarAsNonRootExposesTheSeedsPortsAndChecksHealthz() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    HoldfastConfig seed = parse(Files.readString(DEPLOY.resolve("holdfast.json")));

    assertThat(instruction(dockerfile, "FROM")).singleElement().asString().startsWith("eclipse-temurin:17-jre");
    assertThat(instruction(dockerfile, "USER")).singleElement().asString().isNotIn("root", "0");
    assertThat(instruction(dockerfile, "COPY")).anyMatch(copy -> copy.startsWith("modules/app/target/holdfast.jar "));
    Set<Integer> exposed = new TreeSet<>();
    instruction(dockerfile, "EXPOSE").forEach(line -> Stream.of(line.split("\\s+")).map(Integer::valueOf).forEach(exposed::add));
    assertThat(exposed).containsExactlyInAnyOrder(seed.listeners().get("main").port(), seed.admin().port(),
        seed.cluster().port(), seed.cluster().busPort());
    assertThat(new TreeSet<>(containerPorts().values())).isEqualTo(exposed);
    assertThat(instruction(dockerfile, "HEALTHCHECK")).singleElement().asString().contains("/healthz");
    assertThat(dockerfile).contains("HOLDFAST_ADMIN_PORT=" + seed.admin().port());
  }

  @Test
  void theDockerfileTheLauncherAndTheBuildGiveHazelcastTheSameJavaFlags() throws IOException {
    String pom = Files.readString(HoldfastProcess.HOME.resolve("pom.xml"));
    Matcher inPom = Pattern.compile("<hazelcast.jvm.flags>(.*)</hazelcast.jvm.flags>").matcher(pom);
    assertThat(inPom.find()).isTrue();
    List<String> flags = List.of(inPom.group(1).trim().split("\\s+"));

    Matcher inDockerfile = Pattern.compile("HOLDFAST_JAVA_FLAGS=\"([^\"]*)\"").matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
    assertThat(inDockerfile.find()).isTrue();
    assertThat(List.of(inDockerfile.group(1).split("\\s+"))).isEqualTo(flags);

    String launcher = Files.readString(HoldfastProcess.HOME.resolve("holdfast"));
    Matcher inLauncher = Pattern.compile("hazelcast_flags=\\(([^)]*)\\)").matcher(launcher);
    assertThat(inLauncher.find()).isTrue();
    assertThat(List.of(inLauncher.group(1).trim().split("\\s+"))).isEqualTo(flags);
    assertThat(Files.readString(DEPLOY.resolve("docker-entrypoint.sh"))).contains("${HOLDFAST_JAVA_FLAGS:-}");
  }

  /** The arguments of every {@code keyword} instruction, continuation lines joined. */
  private static List<String> instruction(String dockerfile, String keyword) {
    List<String> found = new ArrayList<>();
    String joined = dockerfile.replaceAll("\\\\\\n", " ");
    for (String line : joined.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith(keyword + " ")) {
        found.add(trimmed.substring(keyword.length() + 1).trim());
      }
    }
    return found;
  }
}

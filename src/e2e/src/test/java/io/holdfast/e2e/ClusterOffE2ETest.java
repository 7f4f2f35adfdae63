package io.holdfast.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract §9: with {@code cluster.enabled} false nothing of the cluster starts — not one Hazelcast class is
 * even loaded (the JVM's class-loading log says so), although Hazelcast is in the jar.
 */
@ExtendWith(VertxExtension.class)
class ClusterOffE2ETest {

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();

  @TempDir
  Path dir;

  @Test
  void aPlainStartLoadsNoClusterClass(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      Path classes = dir.resolve("classes.log");
      TestConfig config = new TestConfig(upstream.port());
      HoldfastProcess holdfast = jar.startUnchecked(config, List.of("-Xlog:class+load=info:file=" + classes));
      holdfast.awaitHealthy(config.adminPort);
      assertThat(Http.get(config.listenerPort, "/").body()).isEqualTo("app /");
      assertThat(Http.get(config.adminPort, "/cluster").body()).contains("\"enabled\" : false");

      List<String> loaded = Files.readAllLines(classes);
      assertThat(loaded).anyMatch(line -> line.contains("io.holdfast.app.Holdfast "));
      assertThat(loaded).noneMatch(line -> line.contains("com.hazelcast.") || line.contains("io.vertx.spi.cluster.")
          || line.contains("io.holdfast.fleet.") || line.contains("io.holdfast.app.cluster."));
    }
  }
}

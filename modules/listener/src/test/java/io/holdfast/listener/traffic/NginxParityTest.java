package io.holdfast.listener.traffic;

import io.holdfast.bus.LocalCodec;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.RawClient;
import io.holdfast.testkit.FreePorts;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A running nginx and Holdfast in front of the same upstream servers: {@code hash $http_x_key consistent}
 * against {@code balance: hash, hashKey: $header_X-Key}, and {@code split_clients} against a split route,
 * send every key to the same server.
 */
class NginxParityTest {

  private static final int KEYS = 300;

  @TempDir
  Path dir;
  private Vertx vertx;
  private Process nginx;

  @BeforeEach
  void setUp() {
    assumeTrue(onPath("nginx"), "nginx is not installed");
    vertx = Vertx.vertx();
    LocalCodec.register(vertx.eventBus(), ConfigSnapshot.class);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      nginx.waitFor(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void keysGoWhereNginxSendsThem() throws Exception {
    NamedUpstreams hashed = new NamedUpstreams(vertx, 3);
    NamedUpstreams app = new NamedUpstreams(vertx, "app", 1);
    NamedUpstreams canary = new NamedUpstreams(vertx, "canary", 1);
    int[] p = hashed.ports();
    int nginxPort = startNginx("""
        upstream hashed { hash $http_x_key consistent; server 127.0.0.1:%d; server 127.0.0.1:%d weight=2; server 127.0.0.1:%d; }
        upstream app { server 127.0.0.1:%d; }
        upstream canary { server 127.0.0.1:%d; }
        split_clients "$http_x_key" $variant { 12.5%% canary; * app; }
        server { listen 127.0.0.1:PORT;
          location /hash { proxy_pass http://hashed; }
          location /split { proxy_pass http://$variant; } }
        """.formatted(p[0], p[1], p[2], app.ports()[0], canary.ports()[0]));
    int holdfastPort = TrafficTest.start(vertx, TestConfig.create()
        .upstream("hashed", p).set("upstreams.hashed.servers", new JsonArray()
            .add(new JsonObject().put("address", "127.0.0.1:" + p[0]))
            .add(new JsonObject().put("address", "127.0.0.1:" + p[1]).put("weight", 2))
            .add(new JsonObject().put("address", "127.0.0.1:" + p[2])))
        .set("upstreams.hashed.balance", "hash").set("upstreams.hashed.hashKey", "$header_X-Key")
        .upstream("app", app.ports()).upstream("canary", canary.ports())
        .listener("main", 0, "hashed")
        .route("main", new JsonObject().put("path", "/split").put("split", new JsonObject().put("key", "$header_X-Key")
            .put("buckets", new JsonArray().add(new JsonObject().put("percent", 12.5).put("upstream", "canary"))
                .add(new JsonObject().put("percent", "*").put("upstream", "app"))))));

    int[] perServer = new int[3];
    int toCanary = 0;
    try (RawClient viaNginx = RawClient.connect(nginxPort); RawClient viaHoldfast = RawClient.connect(holdfastPort)) {
      for (int k = 0; k < KEYS; k++) {
        String key = "X-Key: key-" + k;
        String server = viaNginx.exchange(get("/hash", key)).body();
        assertThat(viaHoldfast.exchange(get("/hash", key)).body()).as("hash of key-" + k).isEqualTo(server);
        perServer[NamedUpstreams.index(server)]++;
        String bucket = viaNginx.exchange(get("/split", key)).body();
        assertThat(viaHoldfast.exchange(get("/split", key)).body()).as("split of key-" + k).isEqualTo(bucket);
        toCanary += bucket.equals("canary0") ? 1 : 0;
      }
    }
    // Both picked the same servers, and not trivially: the keys spread over all of them.
    assertThat(perServer[1]).isGreaterThan(perServer[0]).isGreaterThan(perServer[2]);
    assertThat(perServer[0]).isPositive();
    assertThat(perServer[2]).isPositive();
    assertThat(toCanary).isBetween(10, 70);
  }

  private int startNginx(String http) throws Exception {
    int port = FreePorts.next();
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 256; }
        http {
          access_log off;
          client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
          %2$s
        }
        """.formatted(dir, http.replace("PORT", String.valueOf(port))));
    nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString(), "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    int bound = port;
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      assertThat(nginx.isAlive()).as("nginx: %s", Files.readString(dir.resolve("nginx.out"))).isTrue();
      try (Socket socket = new Socket("127.0.0.1", bound)) {
        return true;
      } catch (java.io.IOException notYet) {
        return false;
      }
    });
    return port;
  }

  private static boolean onPath(String program) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }
}

package io.holdfast.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 5: each of the three ways applies keepalive.requests to the next new connection, in the same process. */
@ExtendWith(VertxExtension.class)
class ReloadApplyE2ETest {

  @RegisterExtension
  final HoldfastJar jar = new HoldfastJar();

  @Test
  void fileEditChangesKeepaliveRequestsForANewConnectionWithinTwoSeconds(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      TestConfig config = new TestConfig(upstream.port());
      config.json().put("reload", new JsonObject().put("watch", true));
      HoldfastProcess holdfast = jar.start(config);
      Path file = jar.configFile();
      long pid = holdfast.pid();
      assertThat(closesAfterSecondRequest(config.listenerPort)).isFalse();

      JsonObject edited = config.json().copy();
      edited.getJsonObject("listeners").getJsonObject("main")
          .put("keepalive", new JsonObject().put("requests", 2));
      Files.writeString(file, edited.encodePrettily());

      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
          .until(() -> closesAfterSecondRequest(config.listenerPort));
      assertThat(holdfast.isAlive()).isTrue();
      assertThat(holdfast.pid()).isEqualTo(pid);
    }
  }

  @Test
  void sighupAndPatchApplyAtOnceAndAnInvalidPatchChangesNothing(Vertx vertx) throws Exception {
    try (TestUpstream upstream = TestUpstream.start(vertx, "app")) {
      TestConfig config = new TestConfig(upstream.port());
      HoldfastProcess holdfast = jar.start(config);
      Path file = jar.configFile();

      JsonObject edited = config.json().copy();
      edited.getJsonObject("listeners").getJsonObject("main")
          .put("keepalive", new JsonObject().put("requests", 2));
      Files.writeString(file, edited.encodePrettily());
      assertThat(closesAfterSecondRequest(config.listenerPort)).as("watch is off").isFalse();
      holdfast.signal("HUP");
      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
          .until(() -> closesAfterSecondRequest(config.listenerPort));

      JsonObject patch = new JsonObject().put("listeners", new JsonObject().put("main",
          new JsonObject().put("keepalive", new JsonObject().put("requests", 1000))));
      assertThat(ReloadAdmin.patch(config.adminPort, patch).statusCode()).isEqualTo(200);
      assertThat(closesAfterSecondRequest(config.listenerPort)).as("PATCH applies at once").isFalse();
      assertThat(new JsonObject(Files.readString(file)).getJsonObject("listeners").getJsonObject("main")
          .getJsonObject("keepalive").getInteger("requests")).as("PATCH persisted").isEqualTo(1000);

      long version = ReloadAdmin.version(config.adminPort);
      String fileBefore = Files.readString(file);
      JsonObject invalid = new JsonObject().put("listeners", new JsonObject().put("main",
          new JsonObject().put("keepalive", new JsonObject().put("requests", 0))));
      HttpResponse<String> rejected = ReloadAdmin.patch(config.adminPort, invalid);
      assertThat(rejected.statusCode()).isEqualTo(400);
      assertThat(rejected.body()).contains("listeners.main.keepalive.requests");
      assertThat(ReloadAdmin.version(config.adminPort)).isEqualTo(version);
      assertThat(Files.readString(file)).isEqualTo(fileBefore);
      assertThat(closesAfterSecondRequest(config.listenerPort)).isFalse();

      String token = "reload-e2e-token-0123456789abcdef";
      JsonObject setToken = new JsonObject().put("admin", new JsonObject().put("token", token));
      assertThat(ReloadAdmin.patch(config.adminPort, setToken).statusCode()).isEqualTo(200);
      assertThat(ReloadAdmin.patch(config.adminPort, patch).statusCode()).as("no token").isEqualTo(401);
      assertThat(ReloadAdmin.send(config.adminPort, "PATCH", patch, token).statusCode()).isEqualTo(200);
      assertThat(holdfast.isAlive()).isTrue();
    }
  }

  /** Two GETs on one fresh raw connection: does the second response carry Connection: close? */
  private static boolean closesAfterSecondRequest(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      boolean close = false;
      for (int i = 0; i < 2; i++) {
        out.write("GET / HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in).toLowerCase(Locale.ROOT);
        int length = Integer.parseInt(head.replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
        in.readNBytes(length);
        close = head.contains("connection: close");
        if (close && i == 0) {
          return false;
        }
      }
      return close;
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed mid-head: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }
}

package io.holdfast.listener.hostile;

import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.RawClient;
import io.holdfast.listener.binding.ListenerServer;
import io.holdfast.listener.connection.ClientConnections;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Running out of file descriptors must not stop a listener: with this JVM's own descriptor limit lowered
 * (prlimit), connections are opened until sockets can no longer be created, and once they are gone the
 * listener serves again. Skipped where prlimit or /proc is missing.
 */
class FdExhaustionTest {

  private static final int HEADROOM = 60;

  private Vertx vertx;
  private int port;
  private long softLimit = -1;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    ListenerConfig config = TestConfig.proxying(1).set("listeners.main.maxConnections", 100_000).listenerConfig("main");
    HttpServerOptions options = ListenerServer.options(config);
    HttpServer[] server = new HttpServer[1];
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        server[0] = ClientConnections.create(vertx, config)
            .install(vertx.createHttpServer(options), options, request -> request.response().end("ok"));
        return server[0].listen();
      }
    }).await();
    port = server[0].actualPort();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (softLimit > 0) {
      setSoftLimit(softLimit);
    }
    vertx.close().await();
  }

  @Test
  void listenerServesAgainAfterDescriptorsRunOut() throws Exception {
    File fds = new File("/proc/self/fd");
    assumeTrue(fds.isDirectory() && new File("/usr/bin/prlimit").canExecute(), "needs /proc and prlimit");
    try (RawClient warmUp = RawClient.connect(port)) {
      assertThat(warmUp.exchange(RawClient.get("/")).body()).isEqualTo("ok");
    }
    softLimit = currentSoftLimit();
    setSoftLimit(fds.list().length + HEADROOM);
    List<Socket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < HEADROOM * 2; i++) {
        clients.add(new Socket("127.0.0.1", port));
      }
    } catch (IOException exhausted) {
      // Expected: this process, client and server alike, is out of descriptors.
    }
    assertThat(clients.size()).isLessThan(HEADROOM * 2);
    for (Socket client : clients) {
      client.close();
    }
    setSoftLimit(softLimit);
    softLimit = -1;
    // Netty pauses accepting for a second after a failed accept, then resumes: wait past that.
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
      try (RawClient client = RawClient.connect(port)) {
        assertThat(client.exchange(RawClient.get("/")).body()).isEqualTo("ok");
      }
    });
  }

  private static long currentSoftLimit() throws Exception {
    String out = prlimit("--nofile", "--output=SOFT", "--noheadings");
    return Long.parseLong(out.trim());
  }

  private static void setSoftLimit(long soft) throws Exception {
    prlimit("--nofile=" + soft + ":");
  }

  private static String prlimit(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/prlimit", "--pid", String.valueOf(ProcessHandle.current().pid())));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("prlimit " + out).isZero();
    return out;
  }
}

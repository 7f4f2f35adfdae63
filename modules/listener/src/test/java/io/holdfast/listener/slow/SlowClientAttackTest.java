package io.holdfast.listener.slow;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.holdfast.listener.RawClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 40 slowloris clients (a head trickled a byte at a time), 40 slow-body clients (a body that stalls) and
 * 10 clients that never read a large response, against a two-server upstream while a normal keepalive
 * load runs: the normal load sees no error, no server is blamed or marked down, and once the timeouts
 * have cut the attackers the open connections and the process's file descriptors are back where they
 * were. Timeouts of 500 ms keep it to a few seconds.
 */
class SlowClientAttackTest {

  private static final long TIMEOUT = 500;
  private static final int SLOWLORIS = 40;
  private static final int SLOW_BODY = 40;
  private static final int NON_READING = 10;
  private static final int LOAD_CLIENTS = 4;

  private SlowClientRig rig;
  private final List<Socket> attackers = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    for (Socket socket : attackers) {
      socket.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void slowClientsAreCutWhileTheNormalLoadGoesOnUnharmed() throws Exception {
    // A small idle cap without linger, so the upstream connections opened for the attack close afterwards.
    // headerTimeout 1 s: on a cold JVM sharing two busy cores the load client's own first requests were
    // seen to leave more than 500 ms after their connects.
    rig = SlowClientRig.start(2, TIMEOUT, c -> c.set("upstreams.app.keepalive.connections", 2)
        .set("upstreams.app.keepalive.linger", "0").set("listeners.main.headerTimeout", "1s"));
    Vertx clients = Vertx.vertx();
    try {
      HttpClient http = clients.createHttpClient(new HttpClientOptions().setKeepAlive(true)
          .setDefaultHost("127.0.0.1").setDefaultPort(rig.port), new PoolOptions().setHttp1MaxSize(LOAD_CLIENTS));
      Load warmUp = Load.run(clients, http, LOAD_CLIENTS, 10);
      warmUp.done().await(10, TimeUnit.SECONDS);
      assertThat(warmUp.failures()).as("closes %s, servers %s", rig.listener().closedByReason(), rig.servers()).isEmpty();
      // Baseline: the load's keepalive connections and the pools are open and warm.
      await().until(() -> rig.servers().stream().allMatch(s -> s.active() == 0));
      int baselineClients = rig.listener().active();
      long baselineFds = openFds();

      Load load = Load.run(clients, http, LOAD_CLIENTS, Integer.MAX_VALUE);
      List<Socket> slowloris = new ArrayList<>();
      for (int i = 0; i < SLOWLORIS; i++) {
        slowloris.add(attacker(0).send("GET /loris HTTP/1.1\r\n"));
      }
      for (int i = 0; i < SLOW_BODY; i++) {
        attacker(0).send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n0123456789");
      }
      for (int i = 0; i < NON_READING; i++) {
        attacker(4096).send(get("/big/" + (16 << 20)));
      }
      // Slowloris: a header byte every 100 ms, until the listener cuts them.
      long start = System.nanoTime();
      while ((System.nanoTime() - start) / 1_000_000 < 4 * TIMEOUT) {
        for (Socket socket : slowloris) {
          trickleByte(socket);
        }
        Thread.sleep(100);
      }
      load.stop().await(10, TimeUnit.SECONDS);

      assertThat(load.failures()).isEmpty();
      // Served all along (how much depends on this machine; every loop did rounds during the attack).
      assertThat(load.served().get()).isGreaterThanOrEqualTo(LOAD_CLIENTS);
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
        assertThat(rig.closed("header-timeout")).isEqualTo(SLOWLORIS);
        assertThat(rig.closed("body-timeout")).isEqualTo(SLOW_BODY);
        assertThat(rig.closed("send-timeout")).isEqualTo(NON_READING);
      });
      assertThat(rig.failures()).isZero();
      assertThat(rig.anyDown()).isFalse();
      for (Socket socket : attackers) {
        socket.close();
      }
      // Back to the baseline: the load's keepalive connections, the pools' idle ones, nothing of the attack.
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
        assertThat(rig.listener().active()).isEqualTo(baselineClients);
        assertThat(rig.servers().stream().mapToInt(s -> s.open()).sum()).isLessThanOrEqualTo(4);
        // Both ends of every socket live in this process.
        assertThat(openFds()).isLessThanOrEqualTo(baselineFds);
      });
    } finally {
      clients.close().await();
    }
  }

  /** A raw connection to the listener, closed by the test at the end; {@code receiveBuffer} 0 = default. */
  private Attacker attacker(int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", rig.port));
    attackers.add(socket);
    return new Attacker(socket);
  }

  private record Attacker(Socket socket) {
    Socket send(String text) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return socket;
    }
  }

  private static void trickleByte(Socket socket) {
    try {
      socket.getOutputStream().write('X');
    } catch (IOException cut) {
      // Cut by the listener: the point of the exercise.
    }
  }

  private static long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}

package io.holdfast.listener.hostile;

import io.holdfast.bus.ListenerStats;
import io.holdfast.config.ListenerConfig;
import io.holdfast.listener.RawClient;
import io.holdfast.listener.binding.ListenerServer;
import io.holdfast.listener.connection.ClientConnections;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Running out of file descriptors must not stop a listener: with this JVM's own descriptor limit lowered
 * (prlimit), client sockets are opened until none can be created, so the last connections wait in the
 * accept queue while every accept fails with EMFILE. Once descriptors are back, those queued connections
 * must be served without any new connection arriving to wake the listener up. Run on every transport
 * production may pick (io_uring, epoll, NIO): each handles a failed accept in its own code. Skipped where
 * prlimit or /proc is missing, and per transport where it cannot run here.
 */
class FdExhaustionTest {

  private static final int HEADROOM = 60;
  /** Connections kept open through the exhaustion and used afterwards; the newest ones, so never accepted yet. */
  private static final int KEPT = 5;
  private static final int ANSWER_TIMEOUT_MILLIS = 5_000;
  private static final int ATTEMPTS = 3;

  private Vertx vertx;
  private Context context;
  private ClientConnections connections;
  private int port;
  private long softLimit;

  static Stream<Arguments> transports() {
    return Stream.of(Arguments.of("io_uring", Transport.IO_URING), Arguments.of("epoll", Transport.EPOLL),
        Arguments.of("nio", Transport.NIO));
  }

  private void start(String name, Transport transport) {
    assumeTrue(transport.available(), () -> name + " cannot run here: " + transport.unavailabilityCause());
    vertx = Vertx.builder().withTransport(transport).build();
    assertThat(vertx.isNativeTransportEnabled()).isEqualTo(transport != Transport.NIO);
    ListenerConfig config = TestConfig.proxying(1).set("listeners.main.maxConnections", 100_000).listenerConfig("main");
    HttpServerOptions options = ListenerServer.options(config);
    HttpServer[] server = new HttpServer[1];
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        FdExhaustionTest.this.context = context;
        connections = ClientConnections.create(vertx, config);
        server[0] = connections.install(vertx.createHttpServer(options), options, request -> request.response().end("ok"));
        return server[0].listen();
      }
    }).await();
    port = server[0].actualPort();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void connectionsQueuedWhileDescriptorsRanOutAreServedOnceTheyAreBack(String name, Transport transport)
      throws Exception {
    File fds = new File("/proc/self/fd");
    assumeTrue(fds.isDirectory() && new File("/usr/bin/prlimit").canExecute(), "needs /proc and prlimit");
    start(name, transport);
    try (RawClient warmUp = RawClient.connect(port)) {
      assertThat(warmUp.exchange(RawClient.get("/")).body()).isEqualTo("ok");
    }
    softLimit = currentSoftLimit();
    // Who gets the last descriptor, the test's connect or the listener's accept, is a race: when the listener
    // won every time, no connection waits in the accept queue and the scenario is tried again.
    List<Socket> kept = List.of();
    for (int attempt = 0; attempt < ATTEMPTS && kept.isEmpty(); attempt++) {
      kept = exhaust(fds);
    }
    assertThat(kept).as("connections left in the accept queue while out of descriptors").isNotEmpty();

    for (Socket client : kept) {
      try (client) {
        client.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
        client.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(answer).as("answer on a connection queued during the exhaustion").startsWith("HTTP/1.1 200").endsWith("ok");
      }
    }
  }

  /**
   * Lowers the limit to what is open plus {@link #HEADROOM}, connects until no socket can be made, then gives
   * the descriptors back: every client but the newest {@link #KEPT} is closed first and the limit restored
   * whatever happened, so a failure never leaves this JVM without descriptors for the next test. Returns the
   * kept clients when some connections were not accepted during the exhaustion (the accept queue is FIFO, so
   * those are the newest), else closes them too and returns none.
   */
  private List<Socket> exhaust(File fds) throws Exception {
    long acceptedBefore = stats().accepted();
    List<Socket> clients = new ArrayList<>();
    List<Socket> kept = List.of();
    try {
      setSoftLimit(fds.list().length + HEADROOM);
      try {
        for (int i = 0; i < HEADROOM * 10; i++) {
          clients.add(new Socket("127.0.0.1", port));
        }
      } catch (IOException exhausted) {
        // Expected: this process, client and server alike, is out of descriptors.
      }
      long accepted = stats().accepted() - acceptedBefore;
      assertThat(clients.size()).as("client sockets opened").isLessThan(HEADROOM * 10).isGreaterThan(KEPT);
      if (accepted < clients.size()) {
        kept = List.copyOf(clients.subList(clients.size() - KEPT, clients.size()));
      }
    } finally {
      for (Socket client : clients) {
        if (!kept.contains(client)) {
          client.close();
        }
      }
      setSoftLimit(softLimit);
    }
    return kept;
  }

  private ListenerStats stats() {
    Promise<ListenerStats> stats = Promise.promise();
    context.runOnContext(v -> stats.complete(connections.stats()));
    return stats.future().await();
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

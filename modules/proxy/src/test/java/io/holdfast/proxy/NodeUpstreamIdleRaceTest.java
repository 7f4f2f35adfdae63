package io.holdfast.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle-close race against a real Node.js upstream ({@code server.keepAliveTimeout = 1000}): bursts of
 * GET and POST with pauses straddling the upstream's one-second idle limit, while Holdfast's own upstream
 * keepalive timeout is the default 60 s. Every proxy that trusts its own timeout sends some requests onto
 * connections Node is closing at that very moment.
 */
class NodeUpstreamIdleRaceTest {

  private static final Path NODE_UPSTREAM = Path.of("../../src/test-peers/node-upstream.js");
  private static final long[] PAUSES_MS = {900, 950, 990, 1000, 1010, 1030, 1060, 1100, 980, 1005};
  private static final int GETS_PER_BURST = 12;
  private static final int POSTS_PER_BURST = 12;

  private final ProxyFixture f = new ProxyFixture();
  private Process node;

  @AfterEach
  void close() throws Exception {
    f.close();
    if (node != null) {
      node.destroy();
      node.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void announcedKeepAliveTimeoutMeansNoClientEverSeesAnError() throws Exception {
    Outcome outcome = runBursts(startNode(true));
    assertThat(outcome.total()).isEqualTo(PAUSES_MS.length * (GETS_PER_BURST + POSTS_PER_BURST));
    assertThat(outcome.failures).as("failed exchanges").isEmpty();
  }

  @Test
  void silentIdleCloseIsCoveredByTheRetryForIdempotentRequests() throws Exception {
    Outcome outcome = runBursts(startNode(false));
    assertThat(outcome.getFailures()).as("failed GETs").isEmpty();
    // A POST with a body is never retried: it may have reached the upstream. How many lose the race is
    // up to timing; they must be 502s, never a hang or a wrong body.
    assertThat(outcome.failures).allSatisfy(failure -> assertThat(failure).startsWith("POST 502"));
  }

  private int startNode(boolean announceKeepAlive) throws Exception {
    assumeTrue(Files.exists(NODE_UPSTREAM), "node-upstream.js not found");
    assumeTrue(onPath("node"), "node is not installed");
    node = new ProcessBuilder("node", NODE_UPSTREAM.toString(), "0", "1000", String.valueOf(announceKeepAlive))
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    return Integer.parseInt(out.readLine().trim());
  }

  private Outcome runBursts(int port) throws Exception {
    f.front(Upstreams.plan(port, Upstreams.defaults()));
    HttpClient client = f.client(new PoolOptions().setHttp1MaxSize(GETS_PER_BURST + POSTS_PER_BURST));
    Outcome outcome = new Outcome();
    for (long pause : PAUSES_MS) {
      List<Future<String>> burst = new ArrayList<>();
      for (int i = 0; i < GETS_PER_BURST; i++) {
        String path = "/g" + i;
        burst.add(Reply.send(client, HttpMethod.GET, path)
            .map(r -> r.status() == 200 && r.body().equals("ok " + path) ? null : "GET " + r.status() + " " + r.body())
            .otherwise(e -> "GET failed " + e));
      }
      for (int i = 0; i < POSTS_PER_BURST; i++) {
        String body = "payload-" + i + "-" + pause;
        burst.add(Reply.send(client, new RequestOptions().setMethod(HttpMethod.POST).setURI("/p"), Buffer.buffer(body))
            .map(r -> r.status() == 200 && r.body().equals(body) ? null : "POST " + r.status() + " " + r.body())
            .otherwise(e -> "POST failed " + e));
      }
      for (String result : ProxyFixture.await(Future.all(burst)).<String>list()) {
        outcome.record(result);
      }
      // The pause is the point of the test: the pooled connections sit idle across Node's 1 s limit.
      Thread.sleep(pause);
    }
    return outcome;
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static final class Outcome {
    final List<String> failures = new ArrayList<>();
    int ok;

    void record(String failure) {
      if (failure == null) {
        ok++;
      } else {
        failures.add(failure);
      }
    }

    int total() {
      return ok + failures.size();
    }

    List<String> getFailures() {
      return failures.stream().filter(f -> f.startsWith("GET")).toList();
    }
  }
}

package io.holdfast.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained keepalive load for the reload tests: each client thread loops GETs and (one in four) POSTs
 * with a random body, and checks every answer is a 200 with the exact expected body.
 */
final class ReloadLoad {

  private static final Set<String> SERVERS = Set.of("s0", "s1", "s2");
  private final int port;
  private final int clients;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong completed = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private ExecutorService executor;

  ReloadLoad(int port, int clients) {
    this.port = port;
    this.clients = clients;
  }

  record Result(long completed, List<String> failures) {
  }

  void start() {
    executor = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      int client = i;
      executor.execute(() -> loop(client));
    }
  }

  long completed() {
    return completed.get();
  }

  Result stop() throws InterruptedException {
    running.set(false);
    executor.shutdown();
    if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
      failures.add("clients did not finish");
    }
    return new Result(completed.get(), new ArrayList<>(failures));
  }

  private void loop(int client) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int n = 0; running.get(); n++) {
      String path = (n % 2 == 0 ? "/alt/" : "/c/") + client + "/" + n;
      try {
        if (n % 4 == 3) {
          byte[] body = new byte[random.nextInt(1, 64 * 1024)];
          random.nextBytes(body);
          HttpResponse<byte[]> response = Http.client().send(
              Http.request(port, path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
          check(response.statusCode() == 200 && Arrays.equals(response.body(), body),
              "POST " + path + " -> " + response.statusCode() + " with " + response.body().length + " of " + body.length + " bytes");
        } else {
          HttpResponse<String> response = Http.client().send(Http.request(port, path).build(),
              HttpResponse.BodyHandlers.ofString());
          String body = response.body();
          int space = body.indexOf(' ');
          check(response.statusCode() == 200 && space > 0 && SERVERS.contains(body.substring(0, space))
              && body.substring(space + 1).equals(path), "GET " + path + " -> " + response.statusCode() + " " + body);
        }
        completed.incrementAndGet();
      } catch (Exception e) {
        failures.add(path + ": " + e);
      }
    }
  }

  private void check(boolean ok, String description) {
    if (!ok) {
      failures.add(description);
    }
  }
}

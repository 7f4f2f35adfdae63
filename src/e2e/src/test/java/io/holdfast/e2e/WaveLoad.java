package io.holdfast.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load pattern: in each wave, {@code concurrency} keepalive clients each send {@code perClient} requests
 * one after another, the wave ends when all are answered, then everyone pauses. A pause of zero is a steady
 * load at that concurrency; a pause longer than a pool's linger is bursty. Runs on its own thread until
 * closed; counts answers and failures (anything but 200).
 */
final class WaveLoad implements AutoCloseable {

  final AtomicLong answered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpRequest request;
  private final int concurrency;
  private final int perClient;
  private final Duration pause;
  private final Thread thread;
  private volatile boolean stopped;

  private WaveLoad(URI uri, int concurrency, int perClient, Duration pause) {
    this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    this.concurrency = concurrency;
    this.perClient = perClient;
    this.pause = pause;
    this.thread = new Thread(this::run, "wave-load " + uri.getPath());
    thread.setDaemon(true);
  }

  static WaveLoad start(URI uri, int concurrency, int perClient, Duration pause) {
    WaveLoad load = new WaveLoad(uri, concurrency, perClient, pause);
    load.thread.start();
    return load;
  }

  private void run() {
    while (!stopped) {
      CompletableFuture<?>[] clients = new CompletableFuture<?>[concurrency];
      for (int i = 0; i < concurrency; i++) {
        clients[i] = sequence();
      }
      try {
        CompletableFuture.allOf(clients).get(30, TimeUnit.SECONDS);
        if (!pause.isZero()) {
          // Pacing the pattern, not waiting for anything.
          Thread.sleep(pause.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failed.incrementAndGet();
      }
    }
  }

  private CompletableFuture<Void> sequence() {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int k = 0; k < perClient; k++) {
      chain = chain.thenCompose(v -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .handle((response, error) -> {
            if (error == null && response.statusCode() == 200) {
              answered.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
            return null;
          }));
    }
    return chain;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(TimeUnit.SECONDS.toMillis(40));
  }
}

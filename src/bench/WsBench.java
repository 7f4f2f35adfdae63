import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WebSocket peers for src/bench/websocket.py, run with the JDK's single-file launcher on Holdfast's fat jar
 * (which carries Vert.x): {@code java -cp holdfast.jar WsBench.java <mode> ...}. One line of output per
 * result, {@code key=value} pairs, so the Python side parses without a JSON library on this side.
 *
 * <ul>
 *   <li>{@code server <port>}: a Vert.x WebSocket echo server (text and binary messages).</li>
 *   <li>{@code hold <port> <n>}: opens n WebSockets, each echoes one message, prints {@code held=n} (and how
 *       many failed, and the seconds it took), keeps
 *       them open until a line arrives on stdin, then closes them and prints {@code closed=n}.</li>
 *   <li>{@code latency <port> <connections> <seconds>}: each connection sends a 32-byte text message and
 *       waits for its echo, again and again; prints the round trips' count and p50/p99/max in microseconds.</li>
 * </ul>
 */
public class WsBench {

  private static final String MESSAGE = "x".repeat(32);

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "server" -> server(Integer.parseInt(args[1]));
      case "hold" -> hold(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "latency" -> latency(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("mode: server | hold | latency");
    }
  }

  private static void server(int port) {
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .webSocketHandler(ws -> {
          ws.textMessageHandler(ws::writeTextMessage);
          ws.binaryMessageHandler(ws::writeBinaryMessage);
        })
        .requestHandler(r -> r.response().end("ok"))
        .listen().await();
    System.out.println("listening=" + port);
  }

  private static WebSocketClient client(Vertx vertx, int port) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port).setMaxConnections(100_000).setConnectTimeout(30_000));
  }

  private static void hold(int port, int n) throws Exception {
    Vertx vertx = Vertx.vertx();
    WebSocketClient client = client(vertx, port);
    List<WebSocket> open = new ArrayList<>();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    int batch = 100;
    for (int from = 0; from < n; from += batch) {
      List<Future<WebSocket>> connecting = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + batch); i++) {
        connecting.add(client.connect(new WebSocketConnectOptions().setURI("/hold/" + i)).compose(ws -> {
          Future<String> echo = Future.future(p -> ws.textMessageHandler(p::tryComplete));
          return ws.writeTextMessage(MESSAGE).compose(v -> echo).map(ws);
        }));
      }
      for (Future<WebSocket> f : connecting) {
        try {
          open.add(f.await(30, TimeUnit.SECONDS));
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      }
    }
    System.out.printf("held=%d failed=%d seconds=%.2f%n", open.size(), failed.get(), (System.nanoTime() - start) / 1e9);
    new BufferedReader(new InputStreamReader(System.in)).readLine();
    for (WebSocket ws : open) {
      ws.close();
    }
    System.out.println("closed=" + open.size());
    vertx.close().await();
  }

  private static void latency(int port, int connections, int seconds) throws Exception {
    Vertx vertx = Vertx.vertx();
    WebSocketClient client = client(vertx, port);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long[][] samples = new long[connections][];
    CountDownLatch done = new CountDownLatch(connections);
    for (int c = 0; c < connections; c++) {
      int index = c;
      WebSocket ws = client.connect(new WebSocketConnectOptions().setURI("/latency/" + c)).await(30, TimeUnit.SECONDS);
      long[] rtts = new long[1 << 20];
      int[] count = {0};
      long[] sentAt = {0};
      ws.textMessageHandler(echo -> {
        long now = System.nanoTime();
        if (count[0] < rtts.length) {
          rtts[count[0]++] = now - sentAt[0];
        }
        if (now < end) {
          sentAt[0] = System.nanoTime();
          ws.writeTextMessage(MESSAGE);
        } else {
          samples[index] = Arrays.copyOf(rtts, count[0]);
          ws.close();
          done.countDown();
        }
      });
      sentAt[0] = System.nanoTime();
      ws.writeTextMessage(MESSAGE);
    }
    done.await(seconds + 30L, TimeUnit.SECONDS);
    long[] all = Arrays.stream(samples).filter(s -> s != null).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf("count=%d p50_us=%.1f p99_us=%.1f max_us=%.1f%n", all.length, at(all, 0.50) / 1e3,
        at(all, 0.99) / 1e3, all.length == 0 ? 0 : all[all.length - 1] / 1e3);
    vertx.close().await();
  }

  private static double at(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}

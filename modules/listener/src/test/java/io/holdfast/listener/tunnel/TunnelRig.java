package io.holdfast.listener.tunnel;

import io.holdfast.accesslog.AccessLogWriter;
import io.holdfast.bus.Addresses;
import io.holdfast.bus.InstanceStats;
import io.holdfast.bus.ListenerStats;
import io.holdfast.bus.LocalCodec;
import io.holdfast.bus.ServerStats;
import io.holdfast.bus.TunnelStats;
import io.holdfast.config.ConfigSnapshot;
import io.holdfast.listener.ListenerVerticle;
import io.holdfast.routing.RouteTables;
import io.holdfast.testkit.TestConfig;
import io.holdfast.upstream.UpstreamPlan;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * A listener instance in front of two kinds of upstream, both real servers in this process: a Vert.x HTTP
 * server that echoes WebSocket messages (and answers plain requests with {@code plain <path>}, refusing an
 * upgrade on {@code /refuse} with 403), and a raw TCP server speaking a made-up {@code Upgrade: echo}
 * protocol: it answers {@code 101} and, in the same write, {@code WELCOME\n}, then echoes every byte (and
 * closes after echoing {@code QUIT}).
 */
final class TunnelRig implements AutoCloseable {

  static final String WELCOME = "WELCOME\n";

  final Vertx vertx = Vertx.vertx();
  /** Connections each upstream accepted, and the request heads the raw one read. */
  final AtomicInteger webSocketConnections = new AtomicInteger();
  final AtomicInteger rawConnections = new AtomicInteger();
  final List<String> rawHeads = new CopyOnWriteArrayList<>();
  final List<Buffer> rawBodies = new CopyOnWriteArrayList<>();
  int webSocketPort;
  int rawPort;
  ListenerVerticle verticle;
  /** Writing the access log when the config sets {@code accessLog}, else null. */
  AccessLogWriter accessLog;
  int port;
  private long version = 1;
  private TestConfig config;

  /** Listener "main": {@code /} to upstream "app" (WebSocket server), {@code /raw} to upstream "raw". */
  static TunnelRig start(UnaryOperator<TestConfig> tweak) {
    TunnelRig rig = new TunnelRig();
    LocalCodec.register(rig.vertx.eventBus(), ConfigSnapshot.class);
    rig.webSocketPort = rig.webSocketUpstream();
    rig.rawPort = rig.rawUpstream();
    rig.config = tweak.apply(TestConfig.proxying(rig.webSocketPort)
        .upstream("raw", rig.rawPort)
        .route(TestConfig.LISTENER, "/raw", "raw"));
    ConfigSnapshot snapshot = rig.config.snapshot(1);
    if (rig.config.json().containsKey("accessLog")) {
      rig.accessLog = AccessLogWriter.start(snapshot.config().accessLog());
      rig.verticle = new ListenerVerticle(snapshot, rig.accessLog::lane);
    } else {
      rig.verticle = new ListenerVerticle(snapshot);
    }
    rig.vertx.deployVerticle(rig.verticle).await();
    rig.port = rig.verticle.boundPort(TestConfig.LISTENER);
    return rig;
  }

  private int webSocketUpstream() {
    HttpServerOptions options = new HttpServerOptions().setMaxWebSocketMessageSize(8 * 1024 * 1024)
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .connectionHandler(c -> webSocketConnections.incrementAndGet())
        .webSocketHandshakeHandler(handshake -> {
          if (handshake.path().startsWith("/refuse")) {
            handshake.reject(403);
          } else {
            handshake.accept();
          }
        })
        .webSocketHandler(ws -> {
          ws.textMessageHandler(ws::writeTextMessage);
          ws.binaryMessageHandler(ws::writeBinaryMessage);
        })
        .requestHandler(r -> r.response().end("plain " + r.path()))
        .listen(0, "127.0.0.1").await().actualPort();
  }

  private int rawUpstream() {
    return vertx.createNetServer()
        .connectHandler(socket -> {
          rawConnections.incrementAndGet();
          new RawProtocol(socket).start();
        })
        .listen(0, "127.0.0.1").await().actualPort();
  }

  /**
   * Reads a head; {@code /raw/101} on a request without Upgrade and {@code /raw/plain} answer as named;
   * an upgrade gets its 101 and the welcome in one write, a {@code Content-Length} body is read first.
   */
  private final class RawProtocol {
    private static final int CHUNKED = Integer.MAX_VALUE;
    private final NetSocket socket;
    private Buffer pending = Buffer.buffer();
    private boolean switched;
    private int bodyLeft = -1;
    private Buffer body;

    RawProtocol(NetSocket socket) {
      this.socket = socket;
    }

    void start() {
      socket.handler(this::read);
    }

    private void read(Buffer data) {
      if (switched) {
        socket.write(data);
        if (data.toString(StandardCharsets.ISO_8859_1).endsWith("QUIT")) {
          socket.end();
        }
        return;
      }
      pending.appendBuffer(data);
      if (bodyLeft < 0) {
        String text = pending.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
          return;
        }
        String head = text.substring(0, end);
        rawHeads.add(head);
        pending = pending.getBuffer(end + 4, pending.length());
        bodyLeft = contentLength(head);
        body = Buffer.buffer();
      }
      if (bodyLeft == CHUNKED) {
        int end = pending.toString(StandardCharsets.ISO_8859_1).indexOf("0\r\n\r\n");
        if (end < 0) {
          return;
        }
        body.appendBuffer(pending.getBuffer(0, end + 5));
        pending = pending.getBuffer(end + 5, pending.length());
        bodyLeft = 0;
      }
      int take = Math.min(bodyLeft, pending.length());
      body.appendBuffer(pending.getBuffer(0, take));
      pending = pending.getBuffer(take, pending.length());
      bodyLeft -= take;
      if (bodyLeft > 0) {
        return;
      }
      rawBodies.add(body);
      String head = rawHeads.get(rawHeads.size() - 1);
      if (head.startsWith("GET /raw/101 ") || head.toLowerCase().contains("\r\nupgrade: echo")) {
        switched = true;
        socket.write(Buffer.buffer("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n"
            + "X-Echo: yes\r\n\r\n" + WELCOME).appendBuffer(pending));
        pending = null;
      } else {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nplain");
        bodyLeft = -1;
      }
    }

    private int contentLength(String head) {
      if (head.toLowerCase().contains("\r\ntransfer-encoding: chunked")) {
        return CHUNKED;
      }
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          return Integer.parseInt(line.substring(15).trim());
        }
      }
      return 0;
    }
  }

  /** Publishes {@code tweak} of the running config as the next version and waits until it serves. */
  void reload(UnaryOperator<TestConfig> tweak) {
    config = tweak.apply(config);
    ConfigSnapshot next = config.snapshot(++version);
    vertx.eventBus().publish(Addresses.ROUTES_APPLIED, RouteTables.compile(next));
    vertx.eventBus().publish(Addresses.UPSTREAMS_APPLIED, UpstreamPlan.compile(next));
    vertx.eventBus().publish(Addresses.CONFIG_APPLIED, next);
    long expected = version;
    await().until(() -> verticle.servingVersion() == expected);
  }

  InstanceStats stats() {
    return vertx.eventBus().<InstanceStats>request(Addresses.instanceStats(verticle.instanceId()), null)
        .await().body();
  }

  ListenerStats listener() {
    return stats().listeners().stream().filter(l -> l.listener().equals(TestConfig.LISTENER)).findFirst()
        .orElseThrow();
  }

  ServerStats server(String upstream) {
    return stats().pools().stream().filter(s -> s.upstream().equals(upstream)).findFirst().orElseThrow();
  }

  TunnelStats tunnels(String upstream) {
    return server(upstream).tunnels();
  }

  @Override
  public void close() {
    vertx.close().await();
    if (accessLog != null) {
      accessLog.close();
    }
  }
}

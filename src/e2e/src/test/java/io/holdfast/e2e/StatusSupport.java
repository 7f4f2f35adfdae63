package io.holdfast.e2e;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the Status* end-to-end tests share: a stub_status parser, a raw keepalive client, a gated upstream. */
final class StatusSupport {

  /** nginx's stub_status, including the trailing spaces on lines 1, 3 and 4. */
  private static final Pattern STUB = Pattern.compile(
      "Active connections: (\\d+) \n"
          + "server accepts handled requests\n"
          + " (\\d+) (\\d+) (\\d+) \n"
          + "Reading: (\\d+) Writing: (\\d+) Waiting: (\\d+) \n");

  private StatusSupport() {
  }

  record Stub(long active, long accepts, long handled, long requests, long reading, long writing, long waiting) {
  }

  static Stub stub(int adminPort) throws Exception {
    String body = Http.get(adminPort, "/status").body();
    Matcher m = STUB.matcher(body);
    if (!m.matches()) {
      throw new AssertionError("not nginx stub_status format:\n[" + body + "]");
    }
    return new Stub(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
        Long.parseLong(m.group(7)));
  }

  static JsonObject json(int adminPort) throws Exception {
    return new JsonObject(Http.get(adminPort, "/status.json").body());
  }

  /** The value of the one sample of {@code name} whose labels include every {@code label="value"} given. */
  static double metric(String scrape, String name, String... labels) {
    List<String> samples = scrape.lines()
        .filter(line -> line.startsWith(name + "{"))
        .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
        .toList();
    if (samples.size() != 1) {
      throw new AssertionError("expected one sample of " + name + " " + List.of(labels) + ", got " + samples);
    }
    String sample = samples.get(0);
    return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
  }

  /** One client connection speaking HTTP/1.1 byte for byte, kept alive between requests. */
  static final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(20_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void send(String path) throws IOException {
      out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    /** Reads one response; returns its head (status line and headers) followed by its body. */
    String read() throws IOException {
      String head = readHead();
      String lower = head.toLowerCase(Locale.ROOT);
      Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lower);
      String body;
      if (length.find()) {
        body = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
      } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
        body = readChunked();
      } else {
        throw new AssertionError("response without length: " + head);
      }
      return head + body;
    }

    String get(String path) throws IOException {
      send(path);
      return read();
    }

    /** True when the server closed the connection (EOF) within the socket timeout. */
    boolean closedByPeer() {
      try {
        return in.read() == -1;
      } catch (IOException e) {
        return true;
      }
    }

    private String readHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b == -1) {
          throw new IOException("connection closed inside a response head: " + head);
        }
        head.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    private String readChunked() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
        if (size == 0) {
          while (!readLine().isEmpty()) {
            // trailers
          }
          return body.toString(StandardCharsets.UTF_8);
        }
        body.write(in.readNBytes(size));
        readLine();
      }
    }

    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) != '\n') {
        if (b == -1) {
          throw new IOException("closed inside a chunk");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * An upstream whose {@code /gate} requests wait until the test opens the gate; every other path is
   * answered at once. Counts the connections it accepts and the requests it sees.
   */
  static final class GatedUpstream implements AutoCloseable {

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    private final List<Promise<Void>> held = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    GatedUpstream(Vertx vertx) throws Exception {
      server = vertx.createHttpServer()
          .connectionHandler(connection -> connections.incrementAndGet())
          .requestHandler(request -> {
            requests.incrementAndGet();
            if (request.path().startsWith("/gate")) {
              Promise<Void> gate = Promise.promise();
              held.add(gate);
              waiting.incrementAndGet();
              gate.future().onComplete(ignored -> request.response().end("opened"));
            } else {
              request.response().end("ok");
            }
          })
          .listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
      return server.actualPort();
    }

    /** Answers every request held so far. */
    void open() {
      for (Promise<Void> gate : held) {
        held.remove(gate);
        gate.tryComplete();
      }
    }

    @Override
    public void close() throws Exception {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}

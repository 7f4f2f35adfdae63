package io.holdfast.e2e;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Chrome DevTools Protocol over the JDK's own WebSocket client: commands answered by id, events handed
 * to listeners. Only what the dashboard test needs; no browser driver, nothing downloaded.
 */
final class DevToolsConnection implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();
  private final WebSocket socket;

  private DevToolsConnection(URI endpoint) throws Exception {
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(endpoint, new Receiver()).get(10, TimeUnit.SECONDS);
  }

  static DevToolsConnection open(URI endpoint) throws Exception {
    return new DevToolsConnection(endpoint);
  }

  /** Every event ({@code method}, {@code params}, {@code sessionId}) from now on. */
  void onEvent(Consumer<JsonObject> listener) {
    listeners.add(listener);
  }

  /** Sends a command (to a page when {@code sessionId} is set) and returns its result, or fails with its error. */
  JsonObject send(String sessionId, String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    JsonObject command = new JsonObject().put("id", id).put("method", method).put("params", params);
    if (sessionId != null) {
      command.put("sessionId", sessionId);
    }
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    synchronized (socket) {
      socket.sendText(command.encode(), true).get(5, TimeUnit.SECONDS);
    }
    JsonObject reply = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (reply.containsKey("error")) {
      throw new IllegalStateException(method + " failed: " + reply.getJsonObject("error").encode());
    }
    return reply.getJsonObject("result", new JsonObject());
  }

  @Override
  public void close() {
    socket.abort();
  }

  /** Reassembles messages split over frames; replies complete their command, the rest are events. */
  private final class Receiver implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject message = new JsonObject(partial.toString());
        partial.setLength(0);
        Integer id = message.getInteger("id");
        if (id != null) {
          CompletableFuture<JsonObject> answer = pending.remove(id);
          if (answer != null) {
            answer.complete(message);
          }
        } else {
          for (Consumer<JsonObject> listener : listeners) {
            try {
              listener.accept(message);
            } catch (RuntimeException e) {
              // A listener's bug must not stop the replies to commands from arriving.
              e.printStackTrace();
            }
          }
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}

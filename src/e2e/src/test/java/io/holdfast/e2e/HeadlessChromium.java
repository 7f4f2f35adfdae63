package io.holdfast.e2e;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Debian's {@code /usr/bin/chromium}, headless, with one page driven over the DevTools protocol. It records
 * what a person would see in the developer console: uncaught exceptions, {@code console.error}, non-network
 * log errors (CSP violations among them), failed loads, and every HTTP request and answer status.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  /** One request the page sent, and the status it got (0 until answered). */
  record Exchange(String requestId, String method, String url, int status) {
  }

  final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final Process process;
  private final Path profile;
  private final Path log;
  private DevToolsConnection devTools;
  private volatile String session;

  private HeadlessChromium(int width, int height) throws Exception {
    profile = Files.createTempDirectory("holdfast-chromium");
    log = Files.createTempFile("holdfast-chromium", ".log");
    process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** A browser with one blank page of {@code width} × {@code height}; stopped again if it cannot be driven. */
  static HeadlessChromium launch(int width, int height) throws Exception {
    HeadlessChromium browser = new HeadlessChromium(width, height);
    try {
      browser.attach(width, height);
      return browser;
    } catch (Exception | AssertionError e) {
      browser.close();
      throw e;
    }
  }

  private void attach(int width, int height) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
    List<String> lines = Files.readAllLines(portFile);
    devTools = DevToolsConnection.open(URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim()));
    devTools.onEvent(this::record);
    String target = devTools.send(null, "Target.createTarget", new JsonObject().put("url", "about:blank"))
        .getString("targetId");
    session = devTools.send(null, "Target.attachToTarget",
        new JsonObject().put("targetId", target).put("flatten", true)).getString("sessionId");
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      devTools.send(session, domain + ".enable", new JsonObject());
    }
    devTools.send(session, "Emulation.setDeviceMetricsOverride", new JsonObject().put("width", width)
        .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
  }

  void open(String url) throws Exception {
    devTools.send(session, "Page.navigate", new JsonObject().put("url", url));
  }

  /** The value of a JavaScript expression in the page (promises awaited), as JSON would carry it. */
  Object evaluate(String expression) throws Exception {
    JsonObject result = devTools.send(session, "Runtime.evaluate", new JsonObject().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (result.containsKey("exceptionDetails")) {
      throw new IllegalStateException("page threw: " + result.getJsonObject("exceptionDetails").encode());
    }
    return result.getJsonObject("result").getValue("value");
  }

  String text(String selector) throws Exception {
    Object value = evaluate("(() => { const e = document.querySelector(" + quote(selector)
        + "); return e ? e.textContent : null; })()");
    return value == null ? null : value.toString();
  }

  /** Clicks the element as a user's click would reach its handlers. */
  void click(String selector) throws Exception {
    evaluate("document.querySelector(" + quote(selector) + ").click()");
  }

  /** The whole page, not only the viewport, as a PNG. */
  void screenshot(Path file) throws Exception {
    Number height = (Number) evaluate("document.documentElement.scrollHeight");
    Number width = (Number) evaluate("document.documentElement.scrollWidth");
    JsonObject shot = devTools.send(session, "Page.captureScreenshot", new JsonObject().put("format", "png")
        .put("captureBeyondViewport", true).put("clip", new JsonObject().put("x", 0).put("y", 0)
            .put("width", width).put("height", height).put("scale", 1)));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.getString("data")));
  }

  List<Exchange> exchanges() {
    return new ArrayList<>(exchanges);
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  private void record(JsonObject event) {
    if (session == null || !session.equals(event.getString("sessionId"))) {
      return;
    }
    JsonObject params = event.getJsonObject("params");
    switch (event.getString("method")) {
      case "Runtime.exceptionThrown" -> consoleErrors.add("exception: " + params.getJsonObject("exceptionDetails").encode());
      case "Runtime.consoleAPICalled" -> {
        if (List.of("error", "assert").contains(params.getString("type"))) {
          consoleErrors.add("console." + params.getString("type") + ": " + params.getJsonArray("args").encode());
        }
      }
      case "Log.entryAdded" -> {
        JsonObject entry = params.getJsonObject("entry");
        // HTTP error statuses are logged by the network source too; those are checked per exchange instead.
        if ("error".equals(entry.getString("level")) && !"network".equals(entry.getString("source"))) {
          consoleErrors.add("log (" + entry.getString("source") + "): " + entry.getString("text"));
        }
      }
      case "Network.loadingFailed" -> {
        if (!params.getBoolean("canceled", false)) {
          consoleErrors.add("load failed: " + params.getString("errorText") + " " + params.getString("blockedReason", ""));
        }
      }
      case "Network.requestWillBeSent" -> {
        JsonObject request = params.getJsonObject("request");
        exchanges.add(new Exchange(params.getString("requestId"), request.getString("method"),
            request.getString("url"), 0));
      }
      case "Network.responseReceived" -> {
        int status = params.getJsonObject("response").getInteger("status");
        exchanges.replaceAll(x -> x.requestId().equals(params.getString("requestId")) && x.status() == 0
            ? new Exchange(x.requestId(), x.method(), x.url(), status) : x);
      }
      default -> {
        // other events are not looked at
      }
    }
  }

  /** A JavaScript string literal (JSON's is one). */
  private static String quote(String s) {
    return Json.encode(s);
  }

  @Override
  public void close() throws Exception {
    if (devTools != null) {
      devTools.close();
    }
    // Chromium's helper processes may outlive the browser process by a moment, writing into the profile.
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle helper : helpers) {
      helper.destroy();
      try {
        helper.onExit().get(5, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        helper.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.deleteIfExists(log);
  }
}

package io.holdfast.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built fat jar running as a separate process, exactly as an operator starts it. Output goes to a
 * file (never a pipe nobody drains) so a failing test can show it.
 */
final class HoldfastProcess implements AutoCloseable {

  static final Path JAR = Path.of(System.getProperty("holdfast.jar", "modules/app/target/holdfast.jar"));
  static final Path HOME = Path.of(System.getProperty("holdfast.home", "."));
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path output;

  private HoldfastProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code java -jar holdfast.jar args...}; the working directory is the repository root. */
  static HoldfastProcess start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  /** As {@link #start(String...)}, with extra environment variables (HOLDFAST_CONFIG is otherwise unset). */
  static HoldfastProcess start(Map<String, String> env, String... args) throws IOException {
    return start(env, List.of(), args);
  }

  /** As {@link #start(Map, String...)}, with extra JVM options before {@code -jar}. */
  static HoldfastProcess start(Map<String, String> env, List<String> jvmOptions, String... args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build it with mvn -pl modules/app package");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A lean JVM: these processes live seconds and the machine is shared.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("holdfast-e2e-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(HOME.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().remove("HOLDFAST_CONFIG");
    builder.environment().putAll(env);
    return new HoldfastProcess(builder.start(), output);
  }

  /** Runs a command that exits by itself (--check, --help...) and returns its exit code. */
  static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    try (HoldfastProcess process = start(env, args)) {
      int code = process.waitForExit(Duration.ofSeconds(30));
      return new Result(code, process.output());
    }
  }

  record Result(int exitCode, String output) {
  }

  /** Waits until the admin port answers 200 on /healthz. */
  HoldfastProcess awaitHealthy(int adminPort) {
    return awaitHealthy(adminPort, READY_TIMEOUT);
  }

  /** As {@link #awaitHealthy(int)}, for starts that take longer (joining a cluster while others start too). */
  HoldfastProcess awaitHealthy(int adminPort, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100))
        .failFast(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("holdfast exited with " + process.exitValue() + ":\n" + output());
          }
        })
        .until(() -> healthy(adminPort));
    return this;
  }

  static boolean healthy(int adminPort) {
    try {
      HttpResponse<Void> response = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthz"))
              .timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("holdfast did not exit within " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Process.destroy() sends SIGTERM on Linux. */
  void terminate() {
    process.destroy();
  }

  /**
   * Sends SIG{@code name}. A test run that was itself started with the signal ignored (under nohup, say) hands
   * that on to the jar, which can then not take it and says so once it is ready: such a test is skipped, not failed.
   */
  void signal(String name) throws IOException, InterruptedException {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> output().contains("admin on "));
    assumeFalse(output().contains("SIG" + name + " is ignored by this process"),
        "SIG" + name + " is ignored where these tests run (started under nohup?): the jar cannot take it");
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " failed");
    }
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(output);
    } catch (IOException ignored) {
      // A leftover temp file is harmless.
    }
  }
}

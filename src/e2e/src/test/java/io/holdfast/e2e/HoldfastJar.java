package io.holdfast.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one way an e2e test runs the jar: {@link #start} writes the config to a fresh directory, starts the
 * process and waits until {@code /healthz} answers; the process is stopped after the test (or after the
 * class, when started from {@code @BeforeAll} through a static field), and its output is printed when the
 * test failed. Register it with {@code @RegisterExtension}.
 */
final class HoldfastJar implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback,
    AfterAllCallback {

  private final List<HoldfastProcess> perTest = new ArrayList<>();
  private final List<HoldfastProcess> perClass = new ArrayList<>();
  private boolean inTest;
  private Path configFile;

  /** Writes {@code config}, starts the jar on it and waits until it is healthy. */
  HoldfastProcess start(TestConfig config) throws IOException {
    return startUnchecked(config).awaitHealthy(config.adminPort);
  }

  /** Writes {@code config} and starts the jar on it without waiting: for starts expected to fail. */
  HoldfastProcess startUnchecked(TestConfig config) throws IOException {
    return startUnchecked(config, List.of());
  }

  /**
   * As {@link #startUnchecked(TestConfig)}, with extra JVM options; the process is not awaited, so several can
   * start at once (then {@link HoldfastProcess#awaitHealthy} each).
   */
  HoldfastProcess startUnchecked(TestConfig config, List<String> jvmOptions) throws IOException {
    configFile = config.write(Files.createTempDirectory("holdfast-e2e"));
    return startOn(configFile, jvmOptions);
  }

  /** Starts the jar on a config file that exists already (a node restarted on its old file), not awaited. */
  HoldfastProcess startOn(Path file, List<String> jvmOptions) throws IOException {
    HoldfastProcess process = HoldfastProcess.start(Map.of(), jvmOptions, "--config", file.toString());
    (inTest ? perTest : perClass).add(process);
    return process;
  }

  /** The file the last {@link #start} wrote: tests that reload edit it. */
  Path configFile() {
    return configFile;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    inTest = true;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      List<HoldfastProcess> all = new ArrayList<>(perClass);
      all.addAll(perTest);
      for (HoldfastProcess process : all) {
        System.out.println("--- holdfast output (pid " + process.pid() + ") ---\n" + process.output());
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    inTest = false;
    closeAll(perTest);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeAll(perClass);
  }

  private static void closeAll(List<HoldfastProcess> processes) {
    processes.forEach(HoldfastProcess::close);
    processes.clear();
  }
}

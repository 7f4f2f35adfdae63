package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HoldfastTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ExitCode run(String... args) {
    return Holdfast.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageOnStdoutAndExitsZero() {
    assertThat(run("--help")).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: holdfast");
    assertThat(err.size()).isZero();
  }

  @Test
  void versionFallsBackToDevOutsideTheJar() {
    assertThat(run("--version")).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("holdfast dev" + System.lineSeparator());
  }

  @Test
  void badUsageExitsThreeWithUsageOnStderr() {
    assertThat(run("--nope")).isEqualTo(ExitCode.STARTUP_FAILED);
    assertThat(ExitCode.STARTUP_FAILED.code()).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument \"--nope\"").contains("Usage:");
    assertThat(out.size()).isZero();
  }
}

package io.holdfast.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.app.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

  private final ByteArrayOutputStream checkErr = new ByteArrayOutputStream();
  private final ByteArrayOutputStream startErr = new ByteArrayOutputStream();

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  @Test
  void checkAndStartNameAMissingFileAlikeByItsAbsolutePath() {
    Path relative = Path.of("target", "..", "target", "no-such-holdfast.json");

    ExitCode check = ConfigCheck.run(relative, print(new ByteArrayOutputStream()), print(checkErr));
    ExitCode start = Server.run(relative, print(startErr));

    String expected = relative.toAbsolutePath().normalize() + ": no such file" + System.lineSeparator();
    assertThat(check).isEqualTo(ExitCode.CONFIG_INVALID);
    assertThat(start).isEqualTo(ExitCode.CONFIG_INVALID);
    assertThat(checkErr.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(startErr.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void checkAndStartPrintTheSameLinesForAnInvalidFile() throws Exception {
    Path file = Files.createTempFile(Path.of("target"), "holdfast-invalid", ".json");
    Files.writeString(file, "{\"instances\": 0,\n \"upstreams\": {}}");
    Path relative = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath());

    try {
      ConfigCheck.run(relative, print(new ByteArrayOutputStream()), print(checkErr));
      Server.run(relative, print(startErr));
    } finally {
      Files.delete(file);
    }

    assertThat(checkErr.toString(StandardCharsets.UTF_8)).contains("instances: must be ≥ 1")
        .isEqualTo(startErr.toString(StandardCharsets.UTF_8));
  }
}

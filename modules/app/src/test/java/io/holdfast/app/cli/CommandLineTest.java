package io.holdfast.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.app.cli.CommandLine.Mode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void noArgumentsRunsWithTheDefaultConfig() throws Exception {
    assertThat(CommandLine.parse(new String[0], NO_ENV))
        .isEqualTo(new CommandLine(Mode.RUN, Path.of("conf/holdfast.json")));
  }

  @Test
  void environmentVariableNamesTheConfig() throws Exception {
    assertThat(CommandLine.parse(new String[0], Map.of("HOLDFAST_CONFIG", "/etc/holdfast.json")).configFile())
        .isEqualTo(Path.of("/etc/holdfast.json"));
  }

  @Test
  void configFlagWinsOverTheEnvironment() throws Exception {
    Map<String, String> env = Map.of("HOLDFAST_CONFIG", "/etc/holdfast.json");

    assertThat(CommandLine.parse(new String[] {"--config", "a.json"}, env).configFile()).isEqualTo(Path.of("a.json"));
    assertThat(CommandLine.parse(new String[] {"--config=b.json"}, env).configFile()).isEqualTo(Path.of("b.json"));
    assertThat(CommandLine.parse(new String[] {"-c", "c.json"}, env).configFile()).isEqualTo(Path.of("c.json"));
  }

  @Test
  void checkKeepsTheConfigPath() throws Exception {
    assertThat(CommandLine.parse(new String[] {"--check", "--config", "x.json"}, NO_ENV))
        .isEqualTo(new CommandLine(Mode.CHECK, Path.of("x.json")));
    assertThat(CommandLine.parse(new String[] {"-t"}, NO_ENV).mode()).isEqualTo(Mode.CHECK);
  }

  @Test
  void helpWinsOverVersionAndCheckInAnyOrder() throws Exception {
    assertThat(CommandLine.parse(new String[] {"--version", "--help", "--check"}, NO_ENV).mode()).isEqualTo(Mode.HELP);
    assertThat(CommandLine.parse(new String[] {"--check", "--version"}, NO_ENV).mode()).isEqualTo(Mode.VERSION);
  }

  @Test
  void unknownArgumentIsRefusedByName() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--verbose"}, NO_ENV))
        .isInstanceOf(UsageException.class).hasMessageContaining("\"--verbose\"");
  }

  @Test
  void configWithoutPathIsRefused() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--config"}, NO_ENV))
        .isInstanceOf(UsageException.class).hasMessageContaining("--config needs a PATH");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--config="}, NO_ENV))
        .isInstanceOf(UsageException.class);
  }
}

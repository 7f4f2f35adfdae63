package io.holdfast.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.app.ExitCode;
import io.holdfast.bus.PortInUseException;
import io.holdfast.config.ConfigError;
import java.net.BindException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupFailureTest {

  @Test
  void portInUseAnywhereInTheChainExitsTwoWithItsMessage() {
    Throwable failure = new StartupException("listeners",
        new RuntimeException(new PortInUseException("listener main", "0.0.0.0", 8080, new BindException())));

    StartupFailure result = StartupFailure.of(failure);

    assertThat(result.exitCode()).isEqualTo(ExitCode.PORT_IN_USE);
    assertThat(result.message()).isEqualTo("listener main: port 8080 on 0.0.0.0 is already in use");
  }

  @Test
  void rawBindFailureStillExitsTwo() {
    StartupFailure result = StartupFailure.of(
        new StartupException("admin", new RuntimeException("bind(..) failed: Address already in use")));

    assertThat(result.exitCode()).isEqualTo(ExitCode.PORT_IN_USE);
    assertThat(result.message()).startsWith("could not start admin: ").contains("in use");
  }

  @Test
  void anythingElseExitsThreeNamingTheStep() {
    StartupFailure result = StartupFailure.of(new StartupException("upstreams", new IllegalStateException("boom")));

    assertThat(result.exitCode()).isEqualTo(ExitCode.STARTUP_FAILED);
    assertThat(result.message()).isEqualTo("could not start upstreams: boom");
  }

  @Test
  void checkOutputNamesTheKeyPathOrElseTheFile() {
    Path file = Path.of("conf/holdfast.json");

    assertThat(ConfigCheck.format(file, new ConfigError("upstreams.app.keepalive.requests", "must be ≥ 1")))
        .isEqualTo("upstreams.app.keepalive.requests: must be ≥ 1");
    assertThat(ConfigCheck.format(file, new ConfigError("", "no such file")))
        .isEqualTo("conf/holdfast.json: no such file");
  }
}

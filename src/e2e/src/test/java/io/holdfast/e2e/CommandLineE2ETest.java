package io.holdfast.e2e;

import io.holdfast.testkit.FreePorts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of contract §1: --check, --help, --version and the exit codes of a refused start. */
class CommandLineE2ETest {

  private static final Path SHIPPED = HoldfastProcess.HOME.resolve("conf/holdfast.json");

  @TempDir
  Path dir;

  @Test
  void checkPrintsOkForTheShippedConfig() throws Exception {
    HoldfastProcess.Result result = HoldfastProcess.run("--check", "--config", SHIPPED.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output().strip()).isEqualTo("ok");
  }

  @Test
  void checkNamesTheKeyPathOfEveryErrorAndExitsOne() throws Exception {
    Path config = write(new JsonObject()
        .put("upstreams", new JsonObject().put("app", TestConfig.upstream(8000)
            .put("keepalive", new JsonObject().put("requests", 0))
            .put("balanse", "round-robin"))));

    HoldfastProcess.Result result = HoldfastProcess.run("--check", "--config", config.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("upstreams.app.keepalive.requests: ")
        .contains("upstreams.app.balanse: ")
        .doesNotContain("ok\n");
  }

  @Test
  void checkRefusesAWildcardListenerNextToASpecificOneOnItsPortAsTheStartWould() throws Exception {
    int port = FreePorts.next();
    Path config = write(new JsonObject()
        .put("upstreams", new JsonObject().put("app", TestConfig.upstream(8000)))
        .put("listeners", new JsonObject()
            .put("any", new JsonObject().put("host", "0.0.0.0").put("port", port))
            .put("local", new JsonObject().put("host", "127.0.0.1").put("port", port))));

    HoldfastProcess.Result check = HoldfastProcess.run("--check", "--config", config.toString());
    HoldfastProcess.Result start = HoldfastProcess.run("--config", config.toString());

    assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
    assertThat(check.output()).contains("listeners.local.port: 127.0.0.1:" + port + " overlaps listener \"any\"");
    assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
    assertThat(start.output()).contains(check.output().strip());
  }

  @Test
  void checkAndStartSayAlikeWhereAFileIsNotJson() throws Exception {
    Path config = dir.resolve("broken.json");
    Files.writeString(config, "{\"upstreams\": {\"app\": {\"servers\": [{\"address\": \"127.0.0.1:8000\"}]}},,\n}");

    HoldfastProcess.Result check = HoldfastProcess.run("--check", "--config", config.toString());
    HoldfastProcess.Result start = HoldfastProcess.run("--config", config.toString());

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.output().strip()).isEqualTo(config.toAbsolutePath().normalize()
        + ": is not valid JSON: line 1, column 69: Unexpected character (',' (code 44)):"
        + " was expecting double-quote to start field name");
    assertThat(start.exitCode()).isEqualTo(1);
    assertThat(start.output()).contains(check.output().strip());
  }

  @Test
  void environmentVariableNamesTheConfigAndTheFlagWins() throws Exception {
    Path invalid = write(new JsonObject().put("instances", 0));

    HoldfastProcess.Result fromEnv = HoldfastProcess.run(Map.of("HOLDFAST_CONFIG", invalid.toString()), "--check");
    HoldfastProcess.Result flagWins = HoldfastProcess.run(Map.of("HOLDFAST_CONFIG", invalid.toString()),
        "--check", "--config", SHIPPED.toString());

    assertThat(fromEnv.exitCode()).as(fromEnv.output()).isEqualTo(1);
    assertThat(flagWins.exitCode()).as(flagWins.output()).isZero();
  }

  @Test
  void startWithAnInvalidConfigExitsOneWithTheCheckOutput() throws Exception {
    Path config = write(new JsonObject().put("instances", 0)
        .put("upstreams", new JsonObject().put("app", TestConfig.upstream(8000))));

    HoldfastProcess.Result check = HoldfastProcess.run("--check", "--config", config.toString());
    HoldfastProcess.Result start = HoldfastProcess.run("--config", config.toString());

    assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
    assertThat(start.output()).contains("instances: ").contains(check.output().strip());
  }

  @Test
  void missingConfigFileExitsOneNamingTheFile() throws Exception {
    Path missing = dir.resolve("nowhere.json");

    HoldfastProcess.Result result = HoldfastProcess.run("--config", missing.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("nowhere.json");
  }

  @Test
  void helpPrintsUsageAndExitsZero() throws Exception {
    HoldfastProcess.Result result = HoldfastProcess.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).startsWith("Usage: holdfast").contains("--config PATH").contains("--check");
  }

  @Test
  void versionPrintsTheVersionFromTheJarManifest() throws Exception {
    HoldfastProcess.Result result = HoldfastProcess.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output().strip()).matches("holdfast \\d+\\.\\d+\\.\\d+\\S*");
  }

  @Test
  void unknownArgumentPrintsUsageAndExitsThree() throws Exception {
    HoldfastProcess.Result result = HoldfastProcess.run("--frobnicate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).contains("--frobnicate").contains("Usage: holdfast");
  }

  private Path write(JsonObject json) throws Exception {
    Path file = dir.resolve("holdfast.json");
    Files.writeString(file, json.encodePrettily());
    return file;
  }
}

package io.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The default maxConnections derived from the open-files limit, on configs as the parser builds them. */
class FileDescriptorBudgetTest {

  /** One upstream of {@code servers} servers (32 idle connections each by default), {@code instances} instances. */
  private static HoldfastConfig parse(long limit, int instances, String listeners) {
    JsonObject json = new JsonObject("""
        {"instances": %d, "listeners": %s,
         "upstreams": {"app": {"servers": [{"address": "127.0.0.1:8000"}, {"address": "127.0.0.1:8001"}]}}}
        """.formatted(instances, listeners));
    ConfigResult result = ConfigParser.parse(json, OptionalLong.of(limit));
    assertThat(result.errors()).isEmpty();
    return result.config();
  }

  private static final String ONE = "{\"main\": {}}";

  @Test
  void theDocumentedDefaultStaysWhenTheLimitCarriesIt() {
    HoldfastConfig config = parse(1_048_576, 2, ONE);

    // 2 servers × 32 idle × 2 instances = 128 idle upstream connections.
    assertThat(config.fileDescriptors()).isEqualTo(
        new FileDescriptorBudget(OptionalLong.of(1_048_576), 128, 10_000, 256 + 128 + 2 * 10_000));
    assertThat(config.listeners().get("main").maxConnections()).isEqualTo(10_000);
    assertThat(config.listeners().get("main").maxConnectionsSet()).isFalse();
    assertThat(config.fileDescriptors().fits()).isTrue();
    assertThat(config.fileDescriptors().defaultLowered()).isFalse();
  }

  @Test
  void aLimitTooLowForTheDefaultLowersItToWhatFits() {
    HoldfastConfig config = parse(20_000, 2, ONE);

    assertThat(config.listeners().get("main").maxConnections()).isEqualTo((20_000 - 256 - 128) / 2);
    assertThat(config.fileDescriptors().fits()).isTrue();
    assertThat(config.fileDescriptors().defaultLowered()).isTrue();
    assertThat(config.fileDescriptors().shortfall(config.listeners().values())).isEmpty();
    assertThat(config.fileDescriptors().summary(config.listeners().values()))
        .startsWith("maxConnections defaults to 9808 (not 10000) on listener main to fit the file descriptor limit 20000");
  }

  @Test
  void listenersWithoutAValueShareWhatTheSetOnesLeave() {
    HoldfastConfig config = parse(20_000, 1, """
        {"a": {"port": 8081}, "b": {"port": 8082, "maxConnections": 3000}, "c": {"port": 8083, "maxConnections": "auto"}}""");

    // 20000 − 256 reserved − 64 idle − 2 × 3000 for b, shared by a and c at 2 descriptors per connection.
    int share = (20_000 - 256 - 64 - 6_000) / 4;
    assertThat(config.listeners().get("a").maxConnections()).isEqualTo(share);
    assertThat(config.listeners().get("c").maxConnections()).isEqualTo(share);
    assertThat(config.listeners().get("b").maxConnections()).isEqualTo(3_000);
    assertThat(config.listeners().get("b").maxConnectionsSet()).isTrue();
    assertThat(config.fileDescriptors().fits()).isTrue();
  }

  @Test
  void aValueSetInTheConfigIsKeptAndWarnedAboutWhenTheLimitCannotCarryIt() {
    HoldfastConfig config = parse(20_000, 2, "{\"main\": {\"maxConnections\": 10000}}");

    assertThat(config.listeners().get("main").maxConnections()).isEqualTo(10_000);
    assertThat(config.fileDescriptors().fits()).isFalse();
    assertThat(config.fileDescriptors().shortfall(config.listeners().values())).hasValueSatisfying(w -> assertThat(w)
        .startsWith("file descriptor limit 20000 is below the ~20384 this config may need with"
            + " listeners.main.maxConnections 10000 (set in the config)")
        .endsWith("lower maxConnections"));
  }

  @Test
  void aLimitTooLowForAnythingUsefulStopsAtTheFloorAndSaysSo() {
    HoldfastConfig config = parse(300, 1, ONE);

    assertThat(config.listeners().get("main").maxConnections()).isEqualTo(FileDescriptorBudget.MIN_DEFAULT);
    assertThat(config.fileDescriptors().fits()).isFalse();
    assertThat(config.fileDescriptors().shortfall(config.listeners().values()))
        .hasValueSatisfying(w -> assertThat(w).contains("even with maxConnections at 100").endsWith("keepalive.connections"));
  }

  @Test
  void anUnknownLimitKeepsTheDocumentedDefault() {
    HoldfastConfig config = ConfigParser.parse(new JsonObject(
        "{\"upstreams\": {\"app\": {\"servers\": [{\"address\": \"127.0.0.1:8000\"}]}}}"), OptionalLong.empty()).config();

    assertThat(config.listeners().get("main").maxConnections()).isEqualTo(10_000);
    assertThat(config.fileDescriptors().fits()).isTrue();
    assertThat(config.fileDescriptors().summary(config.listeners().values())).startsWith("file descriptor limit unknown");
  }
}

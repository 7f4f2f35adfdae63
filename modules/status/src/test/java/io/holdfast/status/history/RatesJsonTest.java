package io.holdfast.status.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.TestConfig;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatesJsonTest {

  private final SampleSeries series = new SampleSeries(TestConfig.create().upstream("app", 8000)
      .listener("main", 8080, "app").snapshot(3));

  @Test
  void anIntervalGivesRequestsPerSecondReuseChurnAndLatencyQuantiles() {
    SampleSeries.Server app = series.server("app", "127.0.0.1:8000");
    SampleSeries.Listener main = series.listener("main");
    series.sample().every(2_000, 1, () -> {
      app.traffic(200, 10, 7);
      main.traffic(200, 4).closed("idle-timeout", 2);
    });
    List<StatsSample> samples = series.samples();

    JsonObject rates = RatesJson.render(samples.get(0), samples.get(1));

    assertThat(rates.getDouble("seconds")).isEqualTo(2.0);
    assertThat(rates.getLong("configVersion")).isEqualTo(3);
    JsonObject server = rates.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000");
    assertThat(server.getDouble("requestsPerSec")).isEqualTo(100.0);
    assertThat(server.getDouble("reusePercent")).isEqualTo(95.0);
    assertThat(server.getDouble("newConnectionsPer100")).isEqualTo(5.0);
    assertThat(server.getInteger("peakActive")).isEqualTo(7);
    // Every request took 1 ms: bucket (0.5 ms, 1 ms], interpolated.
    assertThat(server.getDouble("p50Ms")).isEqualTo(0.75);
    assertThat(server.getDouble("p99Ms")).isEqualTo(0.995);
    JsonObject listener = rates.getJsonObject("listeners").getJsonObject("main");
    assertThat(listener.getDouble("requestsPerSec")).isEqualTo(100.0);
    assertThat(listener.getDouble("newConnectionsPerSec")).isEqualTo(2.0);
    assertThat(listener.getJsonObject("closedPerSec").getDouble("idle-timeout")).isEqualTo(1.0);
  }

  @Test
  void withoutAnEarlierSampleOrRequestsTheRatesAreNullNotNaN() {
    SampleSeries.Server app = series.server("app", "127.0.0.1:8000");
    series.sample().every(2_000, 1, () -> app.traffic(0, 0, 0));
    List<StatsSample> samples = series.samples();

    JsonObject first = RatesJson.render(null, samples.get(0));
    JsonObject quiet = RatesJson.render(samples.get(0), samples.get(1));

    JsonObject server = first.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000");
    assertThat(server.getValue("requestsPerSec")).isNull();
    JsonObject quietServer = quiet.getJsonObject("upstreams").getJsonObject("app").getJsonObject("servers")
        .getJsonObject("127.0.0.1:8000");
    assertThat(quietServer.getDouble("requestsPerSec")).isZero();
    assertThat(quietServer.getValue("reusePercent")).isNull();
    assertThat(quietServer.getValue("p99Ms")).isNull();
    assertThat(quiet.encode()).doesNotContain("NaN");
  }
}

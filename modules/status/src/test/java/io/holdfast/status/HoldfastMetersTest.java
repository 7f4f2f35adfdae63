package io.holdfast.status;

import io.holdfast.bus.StatusMediaTypes;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HoldfastMetersTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HoldfastMeters meters = HoldfastMeters.on(registry);

  @AfterEach
  void close() {
    meters.close();
    registry.close();
  }

  @Test
  void exposesClientMetricsUnderTheirDocumentedNames() {
    meters.update(StatsAggregate.of(List.of(Samples.instanceA(), Samples.instanceB())));
    String scrape = meters.scrape();

    assertThat(scrape)
        .contains("holdfast_client_connections{listener=\"main\",state=\"reading\"} 1.0")
        .contains("holdfast_client_connections{listener=\"main\",state=\"writing\"} 3.0")
        .contains("holdfast_client_connections{listener=\"main\",state=\"waiting\"} 4.0")
        .contains("holdfast_client_connections_accepted_total{listener=\"main\"} 17.0")
        .contains("holdfast_client_connections_handled_total{listener=\"alt\"} 4.0")
        .contains("holdfast_client_requests_total{listener=\"main\"} 150.0")
        .contains("holdfast_client_connections_closed_total{listener=\"main\",reason=\"idle-timeout\"} 6.0")
        .contains("holdfast_client_connections_closed_total{listener=\"alt\",reason=\"refused\"} 1.0")
        .contains("holdfast_client_connections_closed_total{listener=\"main\",reason=\"body-timeout\"} 2.0")
        .contains("holdfast_client_connections_closed_total{listener=\"main\",reason=\"send-timeout\"} 0.0");
  }

  @Test
  void exposesTunnelMetricsPerServerAndListener() {
    meters.update(StatsAggregate.of(List.of(
        Samples.tunnelled("a", 2, new io.holdfast.bus.TunnelStats(2, 5, 1000, 9000, 1, 1, 1, 0)),
        Samples.tunnelled("b", 1, new io.holdfast.bus.TunnelStats(1, 2, 10, 90, 0, 0, 0, 1)))));
    String scrape = meters.scrape();
    String server = "server=\"127.0.0.1:8000\",upstream=\"app\"";

    assertThat(scrape)
        .contains("holdfast_tunnels_open{" + server + "} 3.0")
        .contains("holdfast_tunnels_opened_total{" + server + "} 7.0")
        .contains("holdfast_tunnel_bytes_total{direction=\"to_upstream\"," + server + "} 1010.0")
        .contains("holdfast_tunnel_bytes_total{direction=\"to_client\"," + server + "} 9090.0")
        .contains("holdfast_tunnels_closed_total{reason=\"idle-timeout\"," + server + "} 1.0")
        .contains("holdfast_tunnels_closed_total{reason=\"shutdown\"," + server + "} 1.0")
        .contains("holdfast_client_tunnels{listener=\"main\"} 3.0")
        .contains("holdfast_client_connections_closed_total{listener=\"main\",reason=\"upstream\"} 2.0");
  }

  @Test
  void exposesUpstreamMetricsUnderTheirDocumentedNames() {
    meters.update(StatsAggregate.of(List.of(Samples.instanceA(), Samples.instanceB())));
    String scrape = meters.scrape();
    String server = "server=\"127.0.0.1:8000\",upstream=\"app\"";

    assertThat(scrape)
        .contains("holdfast_upstream_connections{server=\"127.0.0.1:8000\",state=\"active\",upstream=\"app\"} 3.0")
        .contains("holdfast_upstream_connections{server=\"127.0.0.1:8000\",state=\"idle\",upstream=\"app\"} 4.0")
        .contains("holdfast_upstream_connections{server=\"127.0.0.1:8000\",state=\"lingering\",upstream=\"app\"} 0.0")
        .contains("holdfast_upstream_connections_opened_total{" + server + "} 20.0")
        .contains("holdfast_upstream_requests_total{" + server + "} 150.0")
        .contains("holdfast_upstream_requests_reused_total{" + server + "} 130.0")
        .contains("holdfast_upstream_requests_retried_total{" + server + "} 4.0")
        .contains("holdfast_upstream_failures_total{" + server + "} 1.0")
        .contains("holdfast_upstream_tls_handshakes_total{kind=\"full\"," + server + "} 2.0")
        .contains("holdfast_upstream_tls_handshakes_total{kind=\"resumed\"," + server + "} 18.0")
        .contains("holdfast_upstream_server_down{" + server + "} 1.0");
  }

  @Test
  void exposesTheHealthOwnersVerdictAndProbesByResult() {
    String server = "server=\"127.0.0.1:8000\",upstream=\"app\"";
    meters.update(StatsAggregate.of(List.of(Samples.instanceA())));
    assertThat(meters.scrape()).as("no owner: no instance marks it down")
        .contains("holdfast_upstream_server_up{" + server + "} 1.0");

    meters.update(StatsAggregate.of(List.of(Samples.instanceA()), Samples.health()));
    assertThat(meters.scrape())
        .contains("holdfast_upstream_server_up{" + server + "} 0.0")
        .contains("holdfast_upstream_health_probes_total{result=\"passed\"," + server + "} 40.0")
        .contains("holdfast_upstream_health_probes_total{result=\"bad_status\"," + server + "} 3.0")
        .contains("holdfast_upstream_health_probes_total{result=\"error\"," + server + "} 1.0")
        .contains("holdfast_upstream_health_probes_total{result=\"timeout\"," + server + "} 2.0");
  }

  @Test
  void metersFollowTheLatestCollection() {
    meters.update(StatsAggregate.of(List.of(Samples.instanceA())));
    assertThat(meters.scrape()).contains("holdfast_client_requests_total{listener=\"main\"} 100.0");

    meters.update(StatsAggregate.of(List.of(Samples.instanceA(), Samples.instanceB())));
    assertThat(meters.scrape()).contains("holdfast_client_requests_total{listener=\"main\"} 150.0");
  }

  @Test
  void metersOfAVanishedListenerAreRemoved() {
    meters.update(StatsAggregate.of(List.of(Samples.instanceA())));
    assertThat(meters.scrape()).contains("listener=\"alt\"");

    meters.update(StatsAggregate.of(List.of(Samples.instanceB())));
    assertThat(meters.scrape()).doesNotContain("listener=\"alt\"").contains("listener=\"main\"");
  }

  @Test
  void closeRemovesEveryHoldfastMeterFromASharedRegistry() {
    meters.update(StatsAggregate.of(List.of(Samples.instanceA())));
    meters.close();
    assertThat(registry.scrape()).doesNotContain("holdfast_");
  }

  @Test
  void declaredContentTypeIsThePrometheusClients() {
    assertThat(StatusMediaTypes.PROMETHEUS).isEqualTo(PrometheusTextFormatWriter.CONTENT_TYPE);
  }
}

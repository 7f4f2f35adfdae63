package io.holdfast.bus;


/** The Content-Type of each rendered status body, so the admin port labels what it serves correctly. */
public final class StatusMediaTypes {

  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String JSON = "application/json";
  /**
   * The Prometheus text format that {@code PrometheusMeterRegistry.scrape()} writes (the Prometheus
   * client's {@code PrometheusTextFormatWriter.CONTENT_TYPE}, which is not on the compile classpath; a test
   * holds the two equal).
   */
  public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private StatusMediaTypes() {
  }

  public static String of(StatusQuery query) {
    return switch (query) {
      case STATUS_JSON, CLUSTER_JSON, ADVICE, HISTORY -> JSON;
      case METRICS -> PROMETHEUS;
      case STUB_STATUS, HEALTH -> TEXT;
    };
  }
}

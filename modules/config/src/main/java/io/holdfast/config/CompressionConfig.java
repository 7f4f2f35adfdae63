package io.holdfast.config;

import java.util.List;

/**
 * A listener's response compression (nginx's {@code gzip}, {@code gzip_types}, {@code gzip_min_length};
 * ngx_brotli's {@code brotli}): bodies whose media type matches one of {@code types} ({@code type/subtype},
 * {@code type/*} or {@code *}{@code /*}) and whose announced length is at least {@code minLength} are
 * compressed with the first of {@code algorithms} the client accepts most. Off by default.
 */
public record CompressionConfig(boolean enabled, List<String> types, int minLength, List<ContentCoding> algorithms) {

  public static final List<String> DEFAULT_TYPES =
      List.of("text/*", "application/json", "application/javascript", "image/svg+xml");
  /** nginx's {@code gzip_min_length} is 20; 1 KiB is where compression starts to pay for its CPU. */
  public static final int DEFAULT_MIN_LENGTH = 1024;
  public static final List<ContentCoding> DEFAULT_ALGORITHMS = List.of(ContentCoding.BR, ContentCoding.GZIP);
  /** No {@code compression} key: off, with the defaults kept for when it is turned on. */
  public static final CompressionConfig OFF =
      new CompressionConfig(false, DEFAULT_TYPES, DEFAULT_MIN_LENGTH, DEFAULT_ALGORITHMS);

  public CompressionConfig {
    types = List.copyOf(types);
    algorithms = List.copyOf(algorithms);
  }
}

package io.holdfast.config;

/** A compression Holdfast can apply to a response body, by its HTTP content-coding token. */
public enum ContentCoding {
  BR("br"), GZIP("gzip");

  private final String key;

  ContentCoding(String key) {
    this.key = key;
  }

  /** The token in {@code Accept-Encoding}, {@code Content-Encoding} and the config. */
  public String key() {
    return key;
  }
}

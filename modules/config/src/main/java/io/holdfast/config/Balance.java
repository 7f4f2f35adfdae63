package io.holdfast.config;

/** How requests are spread over an upstream's servers. */
public enum Balance {
  ROUND_ROBIN("round-robin"), LEAST_CONN("least-conn"), RANDOM_TWO("random-two"), HASH("hash");

  private final String key;

  Balance(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}

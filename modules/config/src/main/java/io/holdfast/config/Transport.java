package io.holdfast.config;

/** The network transport: {@code auto} picks io_uring where it can run, else epoll, else NIO. */
public enum Transport {
  AUTO("auto"), IO_URING("io_uring"), EPOLL("epoll"), NIO("nio");

  private final String key;

  Transport(String key) {
    this.key = key;
  }

  /** The spelling used in the config file. */
  public String key() {
    return key;
  }
}

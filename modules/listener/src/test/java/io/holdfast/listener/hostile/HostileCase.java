package io.holdfast.listener.hostile;

/**
 * One hostile request: its bytes, the status the client must get (0: a close without any answer), and
 * how many requests the upstream may see from it (1 when the head is sound and only the body breaks).
 */
record HostileCase(String name, String bytes, int status, int forwarded) {

  static HostileCase refused(String name, int status, String bytes) {
    return new HostileCase(name, bytes, status, 0);
  }

  @Override
  public String toString() {
    return name + " -> " + (status == 0 ? "close" : status);
  }
}

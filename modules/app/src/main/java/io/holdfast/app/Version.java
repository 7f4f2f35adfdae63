package io.holdfast.app;

/** The product version, as the fat jar's manifest states it; "dev" when running from classes. */
public final class Version {

  public static final String FALLBACK = "dev";

  private Version() {
  }

  public static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? FALLBACK : version;
  }
}

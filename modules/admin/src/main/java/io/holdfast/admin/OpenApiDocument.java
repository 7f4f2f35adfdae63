package io.holdfast.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The admin API's OpenAPI 3.1 description: docs/openapi.json, which the build puts in the jar as {@value #RESOURCE}. */
final class OpenApiDocument {

  static final String RESOURCE = "/openapi.json";

  private OpenApiDocument() {
  }

  static String load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the admin module's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

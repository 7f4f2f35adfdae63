package io.holdfast.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/**
 * Text to a JSON object, with a refusal an operator can act on: where the JSON breaks (line, column)
 * and what the parser expected there, without Jackson's internals ({@code [Source: REDACTED
 * (`StreamReadFeature...` disabled)]}) or a stack of nested messages.
 */
public final class JsonSyntax {

  // Jackson names a location inside its own messages ("start marker at [Source: ...; line: 1, column: 1]").
  private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  private JsonSyntax() {
  }

  /** The object {@code text} holds; a {@link SyntaxException} saying what is wrong otherwise. */
  public static JsonObject parseObject(String text) {
    if (text.isBlank()) {
      throw new SyntaxException("is empty: expected a JSON object such as {\"upstreams\": {...}}");
    }
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new SyntaxException("is not valid JSON: " + describe(e));
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new SyntaxException("must be a JSON object ({...}), not " + kind(value));
  }

  /** {@code line L, column C: what went wrong}, or the parser's message alone when it gives no location. */
  public static String describe(DecodeException e) {
    if (e.getCause() instanceof JsonProcessingException jackson) {
      String message = plain(jackson.getOriginalMessage());
      return jackson.getLocation() == null ? message
          : "line " + jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr() + ": " + message;
    }
    return plain(e.getMessage());
  }

  private static String plain(String message) {
    if (message == null || message.isBlank()) {
      return "malformed";
    }
    String located = SOURCE.matcher(message).replaceAll("line $1, column $2");
    int newline = located.indexOf('\n');
    return newline < 0 ? located : located.substring(0, newline);
  }

  private static String kind(Object value) {
    if (value instanceof JsonArray) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    return value == null ? "null" : "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** The text is not a JSON object; the message says where and why. */
  public static final class SyntaxException extends RuntimeException {
    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }
}

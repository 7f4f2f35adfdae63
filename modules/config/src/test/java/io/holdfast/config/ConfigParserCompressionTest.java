package io.holdfast.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.holdfast.config.ConfigParserTest.assertSingleError;
import static io.holdfast.config.ConfigParserTest.minimal;
import static io.holdfast.config.ConfigParserTest.parseWith;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code listeners.<name>.compression}: off by default, on with its defaults as {@code {}}, every mistake named by path. */
class ConfigParserCompressionTest {

  private static final String PATH = "listeners.main.compression";

  private static ConfigResult parse(JsonObject compression) {
    JsonObject doc = minimal();
    doc.put("listeners", new JsonObject().put("main", new JsonObject().put("compression", compression)));
    return ConfigParser.parse(doc);
  }

  private static CompressionConfig compressionOf(ConfigResult result) {
    assertThat(result.errors()).isEmpty();
    return result.config().listeners().get("main").compression();
  }

  @Test
  void withoutTheKeyCompressionIsOffWithTheDocumentedDefaultsKept() {
    CompressionConfig c = ConfigParser.parse(minimal()).config().listeners().get("main").compression();

    assertThat(c.enabled()).isFalse();
    assertThat(c.types()).containsExactly("text/*", "application/json", "application/javascript", "image/svg+xml");
    assertThat(c.minLength()).isEqualTo(1024);
    assertThat(c.algorithms()).containsExactly(ContentCoding.BR, ContentCoding.GZIP);
  }

  @Test
  void anEmptyObjectTurnsItOnWithTheDefaults() {
    assertThat(compressionOf(parse(new JsonObject()))).isEqualTo(new CompressionConfig(true,
        CompressionConfig.DEFAULT_TYPES, CompressionConfig.DEFAULT_MIN_LENGTH, CompressionConfig.DEFAULT_ALGORITHMS));
  }

  @Test
  void theContractExampleParsesInItsOrder() {
    CompressionConfig c = compressionOf(parse(new JsonObject("""
        { "enabled": true, "types": ["text/*", "application/json"], "minLength": 0, "algorithms": ["gzip", "br"] }
        """)));

    assertThat(c).isEqualTo(new CompressionConfig(true, List.of("text/*", "application/json"), 0,
        List.of(ContentCoding.GZIP, ContentCoding.BR)));
  }

  @Test
  void enabledFalseKeepsTheSettingsButTurnsItOff() {
    CompressionConfig c = compressionOf(parse(new JsonObject().put("enabled", false).put("minLength", 10)));

    assertThat(c.enabled()).isFalse();
    assertThat(c.minLength()).isEqualTo(10);
  }

  @Test
  void anUnknownAlgorithmIsNamedByItsIndexWithAHint() {
    assertSingleError(parse(new JsonObject().put("algorithms", new JsonArray().add("br").add("gzp"))),
        PATH + ".algorithms[1]", "must be one of br, gzip, got \"gzp\" (did you mean \"gzip\"?)");
    assertSingleError(parse(new JsonObject().put("algorithms", new JsonArray().add("deflate"))),
        PATH + ".algorithms[0]", "must be one of br, gzip");
  }

  @Test
  void algorithmsMayNotRepeatOrBeEmpty() {
    assertSingleError(parse(new JsonObject().put("algorithms", new JsonArray().add("gzip").add("gzip"))),
        PATH + ".algorithms[1]", "\"gzip\" is listed twice");
    assertSingleError(parse(new JsonObject().put("algorithms", new JsonArray())),
        PATH + ".algorithms", "must name at least one of br, gzip");
  }

  @Test
  void aBadTypePatternIsNamedByItsIndex() {
    for (String bad : List.of("json", "text/", "/json", "*/json", "text/h*ml", "text/html; charset=utf-8", "te xt/html")) {
      assertSingleError(parse(new JsonObject().put("types", new JsonArray().add("text/*").add(bad))),
          PATH + ".types[1]", "must be a media type such as \"text/html\"");
    }
    assertSingleError(parse(new JsonObject().put("types", new JsonArray().add(42))),
        PATH + ".types[0]", "must be a media type");
    assertSingleError(parse(new JsonObject().put("types", new JsonArray())),
        PATH + ".types", "must name at least one media type");
  }

  @Test
  void wildcardsAreWholeSubtypesOrTheWholeRange() {
    CompressionConfig c = compressionOf(parse(new JsonObject().put("types",
        new JsonArray().add("*/*").add("text/*").add("application/vnd.api+json"))));

    assertThat(c.types()).containsExactly("*/*", "text/*", "application/vnd.api+json");
  }

  @Test
  void aNegativeMinLengthIsRefused() {
    assertSingleError(parse(new JsonObject().put("minLength", -1)), PATH + ".minLength", "must be ≥ 0");
  }

  @Test
  void unknownKeysAndWrongShapesAreRefused() {
    assertSingleError(parse(new JsonObject().put("level", 5)), PATH + ".level", "unknown key");
    assertSingleError(parseWith("listeners.main.compression", "on"), PATH, "must be an object");
    assertSingleError(parse(new JsonObject().put("enabled", "yes")), PATH + ".enabled", "must be true or false");
  }

  @Test
  void toJsonRoundTripsCompressionOnAndOff() {
    for (JsonObject compression : List.of(new JsonObject(), new JsonObject().put("enabled", false),
        new JsonObject().put("types", new JsonArray().add("application/xml")).put("minLength", 0)
            .put("algorithms", new JsonArray().add("gzip")))) {
      HoldfastConfig config = compressionConfigOf(compression);
      JsonObject written = ConfigJson.toJson(config);

      assertThat(written.getJsonObject("listeners").getJsonObject("main").getJsonObject("compression").fieldNames())
          .containsExactly("enabled", "types", "minLength", "algorithms");
      ConfigResult reread = ConfigParser.parse(written);
      assertThat(reread.errors()).isEmpty();
      assertThat(reread.config().listeners().get("main").compression())
          .isEqualTo(config.listeners().get("main").compression());
    }
  }

  private static HoldfastConfig compressionConfigOf(JsonObject compression) {
    ConfigResult result = parse(compression);
    assertThat(result.errors()).isEmpty();
    return result.config();
  }
}

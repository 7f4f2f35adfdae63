package io.holdfast.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSyntaxTest {

  private static String refusal(String text) {
    try {
      JsonSyntax.parseObject(text);
    } catch (JsonSyntax.SyntaxException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void brokenJsonIsRefusedWithLineAndColumnAndNoParserInternals() {
    String message = refusal("{\n  \"instances\": 2,,\n  \"upstreams\": {}\n}");

    assertThat(message).isEqualTo("is not valid JSON: line 2, column 18: Unexpected character (',' (code 44)):"
        + " was expecting double-quote to start field name");
  }

  @Test
  void aLocationInsideTheMessageIsWrittenPlainly() {
    String message = refusal("{\"upstreams\": {\"app\": {}}");

    assertThat(message).isEqualTo("is not valid JSON: line 1, column 26: Unexpected end-of-input: expected close"
            + " marker for Object (start marker at line 1, column 1)")
        .doesNotContain("Source", "StreamReadFeature", "REDACTED", "\n");
  }

  @Test
  void somethingOtherThanAnObjectIsNamed() {
    assertThat(refusal("[1, 2]")).isEqualTo("must be a JSON object ({...}), not an array");
    assertThat(refusal("\"text\"")).isEqualTo("must be a JSON object ({...}), not a string");
    assertThat(refusal(" \n")).startsWith("is empty");
  }

  @Test
  void anObjectParses() {
    assertThat(JsonSyntax.parseObject("{\"a\": 1}").getInteger("a")).isEqualTo(1);
    assertThatThrownBy(() -> JsonSyntax.parseObject("{\"a\": tru}")).hasMessageStartingWith("is not valid JSON: line 1, column 10: Unrecognized token 'tru'");
  }
}

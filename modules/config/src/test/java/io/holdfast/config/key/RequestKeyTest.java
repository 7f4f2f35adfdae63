package io.holdfast.config.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestKeyTest {

  @Test
  void parsesTheFourFormsAndWritesThemBack() {
    for (String expression : new String[] {"$remote_addr", "$uri", "$cookie_uid", "$header_X-User"}) {
      assertThat(RequestKey.parse(expression).expression()).isEqualTo(expression);
    }
    assertThat(RequestKey.parse("$cookie_uid").kind()).isEqualTo(RequestKey.Kind.COOKIE);
    assertThat(RequestKey.parse("$header_X-User").name()).isEqualTo("X-User");
  }

  @Test
  void refusesAnythingElse() {
    for (String expression : new String[] {"$arg_x", "uri", "$cookie_", "$header_", "$header_a b", "$remote_addr2"}) {
      assertThat(RequestKey.parse(expression)).as(expression).isNull();
    }
  }
}

package io.vruksha.retail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void everyCodeIsUniqueAndDotted() {
    var codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();
    assertThat(codes).doesNotHaveDuplicates();
    assertThat(codes).allMatch(c -> c.matches("[a-z]+(\\.[a-z_]+)+"), "domain.snake_case");
  }
}

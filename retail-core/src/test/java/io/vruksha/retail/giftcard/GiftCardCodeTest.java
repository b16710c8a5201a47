package io.vruksha.retail.giftcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GiftCardCodeTest {

  @Test
  void theLuhnDigitIsTheOnePublishedForTheStandardExample() {
    // ISO/IEC 7812-1's worked example: payload 7992739871, digits doubled from the right
    // 1→2, 8→16→7, 3→6, 2→4, 9→18→9 plus 7,9,7,9,7 = 2+7+6+4+9+7+9+7+9+7 = 67; 67 + 3 = 70
    assertThat(GiftCardCode.luhnDigit("7992739871")).isEqualTo(3);
    assertThat(GiftCardCode.luhnValid("79927398713")).isTrue();
    assertThat(GiftCardCode.luhnValid("79927398710")).isFalse();
  }

  @Test
  void generatedCodesAreSixteenDigitsWithAValidCheckDigitAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = GiftCardCode.generate();
      assertThat(code).matches("[1-9][0-9]{15}");
      assertThat(GiftCardCode.luhnValid(code)).isTrue();
      assertThat(seen.add(code)).isTrue();
    }
  }

  @Test
  void everySingleDigitTypoIsCaught() {
    String code = GiftCardCode.generate();
    for (int i = 0; i < code.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != code.charAt(i)) {
          String typo = code.substring(0, i) + d + code.substring(i + 1);
          assertThat(GiftCardCode.mistyped(typo)).as(typo).isTrue();
        }
      }
    }
  }

  @Test
  void codesAreNormalisedMaskedAndGroupedAsPrinted() {
    assertThat(GiftCardCode.normalise(" 4929-1234 5678 9012 ")).isEqualTo("4929123456789012");
    assertThat(GiftCardCode.normalise("old-0001-aaaa")).isEqualTo("OLD0001AAAA");
    assertThat(GiftCardCode.mask("4929123456789012")).isEqualTo("**** 9012");
    assertThat(GiftCardCode.grouped("4929123456789012")).isEqualTo("4929 1234 5678 9012");
    assertThatThrownBy(() -> GiftCardCode.normalise("abc"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("a gift card code is 8 to 32 letters and digits");
  }
}

package io.vruksha.retail.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BarcodeTest {

  @Test
  void validEan13() {
    // 4006381333931: payload 400638133393; from the right weights 3,1,3,...:
    // 3*3+9*1+3*3+3*1+3*3+1*1+8*3+3*1+6*3+0*1+0*3+4*1 = 9+9+9+3+9+1+24+3+18+0+0+4 = 89 -> 10-9 = 1
    Barcode b = Barcode.parse("4006381333931");
    assertThat(b.symbology()).isEqualTo(Symbology.EAN_13);
    assertThat(Barcode.checkDigit("400638133393")).isEqualTo(1);
  }

  @Test
  void validEan8() {
    // 9638507: 7*3+0+5*3+8+3*3+6+9*3 = 21+0+15+8+9+6+27 = 86 -> 4
    assertThat(Barcode.parse("96385074").symbology()).isEqualTo(Symbology.EAN_8);
  }

  @Test
  void validUpcAMatchesItsEan13Form() {
    // 03600029145: 5*3+4+1*3+9+2*3+0+0+0+6*3+3+0 = 15+4+3+9+6+18+3 = 58 -> 2
    Barcode upc = Barcode.parse("036000291452");
    assertThat(upc.symbology()).isEqualTo(Symbology.UPC_A);
    assertThat(upc.toGtin13()).isEqualTo("0036000291452");
    assertThat(Barcode.parse("0036000291452").toGtin13()).isEqualTo(upc.toGtin13());
  }

  @Test
  void aWrongCheckDigitIsNamed() {
    assertThatThrownBy(() -> Barcode.parse("4006381333933"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("check digit should be 1, was 3")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.BARCODE_INVALID);
  }

  @Test
  void lettersAndWrongLengthsAreRefused() {
    assertThatThrownBy(() -> Barcode.parse("40063813339A1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("only digits");
    assertThatThrownBy(() -> Barcode.parse("12345"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("8, 12 or 13 digits, not 5");
    assertThatThrownBy(() -> Barcode.parse("")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void wrongCheckDigitsOnEan8AndUpcAAreNamed() {
    // 96385074 has check digit 4 and 036000291452 has 2 (worked above)
    assertThatThrownBy(() -> Barcode.parse("96385075"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'96385075' is not a valid barcode: check digit should be 4, was 5");
    assertThatThrownBy(() -> Barcode.parse("036000291453"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'036000291453' is not a valid barcode: check digit should be 2, was 3");
  }

  @Test
  void lengthsOtherThan8And12And13AreRefused() {
    assertThatThrownBy(() -> Barcode.parse("9638507"))
        .hasMessageContaining("8, 12 or 13 digits, not 7");
    assertThatThrownBy(() -> Barcode.parse("963850741"))
        .hasMessageContaining("8, 12 or 13 digits, not 9");
    assertThatThrownBy(() -> Barcode.parse("40063813339310"))
        .hasMessageContaining("8, 12 or 13 digits, not 14");
  }

  @Test
  void aSymbologyMustMatchTheLength() {
    assertThatThrownBy(() -> new Barcode("96385074", Symbology.EAN_13))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("EAN_13 has 13 digits, not 8");
  }

  @Test
  void whitespaceAroundAScanIsIgnored() {
    // scanners often send a trailing newline
    assertThat(Barcode.parse(" 4006381333931\n").digits()).isEqualTo("4006381333931");
  }

  @Test
  void theCheckDigitOfNonDigitsIsRefused() {
    assertThatThrownBy(() -> Barcode.checkDigit("40063813339O"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.BARCODE_INVALID);
  }

  @Test
  void onlyEan13StartingWith2IsInStore() {
    assertThat(Barcode.parse("2300042012558").isInStore()).isTrue();
    assertThat(Barcode.parse("4006381333931").isInStore()).isFalse();
  }

  @Property(tries = 500)
  void appendingTheCheckDigitMakesAValidCodeAndAnySingleDigitChangeBreaksIt(
      @ForAll @NumericChars @StringLength(12) String payload,
      @ForAll @IntRange(min = 0, max = 12) int position,
      @ForAll @IntRange(min = 1, max = 9) int delta) {
    String code = payload + Barcode.checkDigit(payload);
    assertThat(Barcode.parse(code).digits()).isEqualTo(code);

    char[] changed = code.toCharArray();
    changed[position] = (char) ('0' + (changed[position] - '0' + delta) % 10);
    assertThatThrownBy(() -> Barcode.parse(new String(changed)))
        .isInstanceOf(InvalidInputException.class);
  }
}

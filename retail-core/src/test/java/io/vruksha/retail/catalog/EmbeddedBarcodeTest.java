package io.vruksha.retail.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.EmbeddedBarcodeLayout.EmbeddedValue;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EmbeddedBarcodeTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");

  @Test
  void gs1PriceCheckDigitWorkedExample() {
    // 2875 with weights 2-,2-,3,5-: 2->4, 8->5, 7->1, 5->3; sum 13; 13*3 = 39 -> 9
    assertThat(PriceCheckDigit.ofFourDigits("2875")).isEqualTo(9);
    // 0000 -> 0; 1234: 1->2, 2->4, 3->9, 4->8; sum 23; 69 -> 9
    assertThat(PriceCheckDigit.ofFourDigits("0000")).isZero();
    assertThat(PriceCheckDigit.ofFourDigits("1234")).isEqualTo(9);
  }

  @Test
  void decodesAPriceWithItsCheckDigit() {
    // 21 12345 9 2875 + check: payload 211234592875;
    // from the right 5*3+7+8*3+2+9*3+5+4*3+3+2*3+1+1*3+2 = 15+7+24+2+27+5+12+3+6+1+3+2 = 107 -> 3
    EmbeddedBarcodeLayout layout = EmbeddedBarcodeLayout.priceWithCheck("21", EUR);
    Barcode scanned = Barcode.parse("2112345928753");
    assertThat(layout.matches(scanned)).isTrue();
    EmbeddedBarcode decoded = layout.decode(scanned);
    assertThat(decoded.itemCode()).isEqualTo("2112345");
    assertThat(decoded.price()).contains(Money.of("28.75", EUR));
    assertThat(decoded.weight()).isEmpty();
  }

  @Test
  void aWrongPriceCheckDigitIsRefused() {
    // same code with price check 8 instead of 9: that digit has weight 3, so the sum is
    // 107 - 3 = 104 and the EAN check digit becomes 6
    EmbeddedBarcodeLayout layout = EmbeddedBarcodeLayout.priceWithCheck("21", EUR);
    assertThatThrownBy(() -> layout.decode(Barcode.parse("2112345828756")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("price check digit should be 9, was 8");
  }

  @Test
  void decodesAWeightInGrams() {
    // 23 00042 01255 + check: payload 230004201255;
    // 5*3+5+2*3+1+0+2+4*3+0+0+0+3*3+2 = 15+5+6+1+0+2+12+0+0+0+9+2 = 52 -> 8
    EmbeddedBarcodeLayout layout = EmbeddedBarcodeLayout.weight("23");
    EmbeddedBarcode decoded = layout.decode(Barcode.parse("2300042012558"));
    assertThat(decoded.itemCode()).isEqualTo("2300042");
    assertThat(decoded.weight()).contains(Quantity.kilograms("1.255"));
    assertThat(decoded.price()).isEmpty();
  }

  @Test
  void theItemBarcodeZeroesTheValue() {
    // 2300042 00000 + check, from the right: five zeros, then 2*1 + 4*3 + 0 + 0 + 0 + 3*3 + 2*1
    // = 2 + 12 + 9 + 2 = 25 -> 5
    assertThat(EmbeddedBarcodeLayout.weight("23").itemBarcode("2300042").digits())
        .isEqualTo("2300042000005");
  }

  @Test
  void layoutsThatDoNotAddUpAreRefused() {
    assertThatThrownBy(
            () ->
                new EmbeddedBarcodeLayout(
                    "21", 6, EmbeddedBarcodeLayout.EmbeddedValue.PRICE, 5, 2, false, EUR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("13 digits");
  }

  @Test
  void gs1FiveDigitPriceCheckDigit() {
    // weights 5+, 2-, 5-, 5+, 2-; the check digit d is the one whose 5- value tops the sum up to a
    // multiple of ten.
    // 14685: 1->5, 4->8, 6->7 (30: 0-3), 8->4 (40: 0+4), 5->9 (10: 0-1); sum 33, needs 7;
    // 5- maps 6 to 7 (30: 0-3 = -3 = 7) -> 6
    assertThat(PriceCheckDigit.ofFiveDigits("14685")).isEqualTo(6);
    // 12345: 1->5, 2->4, 3->4 (15: 5-1), 4->2 (20: 0+2), 5->9; sum 24, needs 6;
    // 5- maps 8 to 6 (40: 0-4 = -4 = 6) -> 8
    assertThat(PriceCheckDigit.ofFiveDigits("12345")).isEqualTo(8);
    assertThat(PriceCheckDigit.ofFiveDigits("00000")).isZero();
  }

  @Test
  void decodesAFiveDigitPriceWithItsCheckDigit() {
    // 22 1234 C 01499: 0->0, 1->2, 4->8 (20: 0-2), 9->9 (45: 5+4), 9->7 (18: 8-1); sum 26,
    // needs 4; 5- maps 3 to 4 (15: 5-1) -> C = 3. Payload 221234301499, from the right
    // 9*3+9+4*3+1+0*3+3+4*3+3+2*3+1+2*3+2 = 27+9+12+1+0+3+12+3+6+1+6+2 = 82 -> check digit 8
    EmbeddedBarcodeLayout layout = EmbeddedBarcodeLayout.priceFiveDigitsWithCheck("22", EUR);
    assertThat(layout.itemDigits()).isEqualTo(4);
    EmbeddedBarcode decoded = layout.decode(Barcode.parse("2212343014998"));
    assertThat(decoded.itemCode()).isEqualTo("221234");
    assertThat(decoded.price()).contains(Money.of("14.99", EUR));
  }

  @Test
  void aWrongFiveDigitPriceCheckDigitIsRefused() {
    // price check 4 instead of 3 sits where the EAN weight is 1: sum 82 + 1 = 83 -> check 7
    EmbeddedBarcodeLayout layout = EmbeddedBarcodeLayout.priceFiveDigitsWithCheck("22", EUR);
    assertThatThrownBy(() -> layout.decode(Barcode.parse("2212344014997")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("price check digit should be 3, was 4")
        .extracting(e -> ((InvalidInputException) e).code())
        .isEqualTo(ErrorCode.BARCODE_INVALID);
  }

  @Test
  void decodesAFiveDigitPriceInCents() {
    // 22 12345 01499 + check: payload 221234501499;
    // 9*3+9+4*3+1+0*3+5+4*3+3+2*3+1+2*3+2 = 27+9+12+1+0+5+12+3+6+1+6+2 = 84 -> 6
    EmbeddedBarcode decoded =
        EmbeddedBarcodeLayout.price("22", EUR).decode(Barcode.parse("2212345014996"));
    assertThat(decoded.itemCode()).isEqualTo("2212345");
    assertThat(decoded.price()).contains(Money.of("14.99", EUR));
  }

  @Test
  void aPriceInACurrencyWithoutMinorUnitsIsReadInWholeUnits() {
    // JPY has no minor units: the same five value digits 01499 are 1499 yen, not 14.99
    EmbeddedBarcode decoded =
        EmbeddedBarcodeLayout.price("22", JPY).decode(Barcode.parse("2212345014996"));
    assertThat(decoded.price()).contains(Money.of("1499", JPY));
  }

  @Test
  void layoutDecimalsMustFitTheCurrencyOrTheKilogram() {
    assertThatThrownBy(
            () -> new EmbeddedBarcodeLayout("22", 5, EmbeddedValue.PRICE, 5, 2, false, JPY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a price in JPY has 0 to 0 decimals, not 2");
    assertThatThrownBy(
            () -> new EmbeddedBarcodeLayout("23", 5, EmbeddedValue.WEIGHT, 5, 4, false, EUR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a weight in kilograms has 0 to 3 decimals, not 4");
  }

  @Test
  void aPriceCheckDigitCoversFourOrFiveDigitsOnly() {
    assertThatThrownBy(
            () -> new EmbeddedBarcodeLayout("21", 6, EmbeddedValue.PRICE, 3, 2, true, EUR))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("4- or 5-digit values, not 3");
  }

  @Test
  void theItemDigitsTakeWhatThePrefixLeaves() {
    // 13 = prefix + item + value 5 + check 1: a one-digit prefix leaves 6 item digits, two leave 5
    assertThat(EmbeddedBarcodeLayout.weight("2").itemDigits()).isEqualTo(6);
    assertThat(EmbeddedBarcodeLayout.weight("23").itemDigits()).isEqualTo(5);
    assertThat(EmbeddedBarcodeLayout.priceWithCheck("2", EUR).itemDigits()).isEqualTo(6);
  }

  @Test
  void aBarcodeOutsideTheLayoutIsNotDecoded() {
    EmbeddedBarcodeLayout layout = EmbeddedBarcodeLayout.weight("23");
    assertThat(layout.matches(Barcode.parse("4006381333931"))).isFalse();
    assertThatThrownBy(() -> layout.decode(Barcode.parse("96385074")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an in-store EAN-13 starting with 23");
  }

  @Property(tries = 300)
  void anySingleWrongDigitInTheValueChangesThePriceCheckDigit(
      @ForAll @NumericChars @StringLength(min = 4, max = 5) String value,
      @ForAll @IntRange(min = 0, max = 4) int position,
      @ForAll @IntRange(min = 1, max = 9) int delta) {
    int at = position % value.length();
    char[] changed = value.toCharArray();
    changed[at] = (char) ('0' + (changed[at] - '0' + delta) % 10);
    assertThat(PriceCheckDigit.of(new String(changed))).isNotEqualTo(PriceCheckDigit.of(value));
  }
}

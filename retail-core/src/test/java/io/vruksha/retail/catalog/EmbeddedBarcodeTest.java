package io.vruksha.retail.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class EmbeddedBarcodeTest {

  private static final Currency EUR = Currency.getInstance("EUR");

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
}

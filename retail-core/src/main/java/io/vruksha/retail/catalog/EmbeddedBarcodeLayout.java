package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * How a store's scales and markdown labels lay out a price- or weight-embedded EAN-13 (GS1 prefixes
 * 20–29, restricted to in-store use): {@code prefix | item code | [price check digit] | value |
 * check digit}.
 *
 * <p>The factories cover the common layouts; with a two-digit prefix such as {@code "21"}:
 *
 * <ul>
 *   <li>{@link #priceWithCheck}: {@code 2P IIIII C VVVV K} — 4-digit price with the GS1 price check
 *       digit, e.g. {@code 21 12345 9 2875 K} is item 2112345 at 28.75;
 *   <li>{@link #priceFiveDigitsWithCheck}: {@code 2P IIII C VVVVV K} — 5-digit price with the GS1
 *       price check digit;
 *   <li>{@link #price} / {@link #weight}: {@code 2P IIIII VVVVV K} — 5-digit price in minor units
 *       or weight in grams.
 * </ul>
 *
 * <p>The item digits take whatever the prefix, value and check digits leave of the 13: a one-digit
 * prefix {@code "2"} gives six item digits.
 *
 * <p>The product is registered in the catalogue under the barcode with the value (and price check)
 * digits zeroed: item {@code 2300042} under {@code 230004200000K}. {@link #itemBarcode} computes
 * it.
 *
 * @param prefix the leading digits that select this layout, e.g. {@code "21"}
 * @param itemDigits digits of the item code after the prefix
 * @param kind whether the value is a price or a weight
 * @param valueDigits digits of the value
 * @param valueDecimals implied decimals of the value (the currency's minor units for a price, 3 for
 *     grams of a kilogram)
 * @param priceCheckDigit whether a GS1 price check digit precedes a 4- or 5-digit value
 * @param currency the currency of an embedded price (ignored for weights)
 */
public record EmbeddedBarcodeLayout(
    String prefix,
    int itemDigits,
    EmbeddedValue kind,
    int valueDigits,
    int valueDecimals,
    boolean priceCheckDigit,
    Currency currency) {

  /** What the embedded value is. */
  public enum EmbeddedValue {
    /** The price of the scanned item. */
    PRICE,
    /** Its weight in kilograms. */
    WEIGHT
  }

  /**
   * Validates that the parts add up to 13 digits, that a price check digit covers 4 or 5 digits,
   * and that the implied decimals fit the currency (a price) or the kilogram (a weight).
   */
  public EmbeddedBarcodeLayout {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    int length = prefix.length() + itemDigits + (priceCheckDigit ? 1 : 0) + valueDigits + 1;
    if (!prefix.matches("2[0-9]*") || length != 13 || itemDigits < 1 || valueDigits < 1) {
      throw invalidLayout(
          "an embedded EAN-13 layout needs a prefix starting with 2 and parts adding up to 13"
              + " digits, this one has "
              + length);
    }
    if (priceCheckDigit && valueDigits != 4 && valueDigits != 5) {
      throw invalidLayout(
          "the GS1 price check digit covers 4- or 5-digit values, not " + valueDigits);
    }
    // A price in more decimals than the currency has would have to be rounded; a weight in more
    // than grams would not fit a kilogram quantity. Refuse the layout rather than every scan.
    int maxDecimals =
        kind == EmbeddedValue.PRICE ? Money.minorUnits(currency) : UnitOfMeasure.KILOGRAM.scale();
    if (valueDecimals < 0 || valueDecimals > maxDecimals) {
      throw invalidLayout(
          (kind == EmbeddedValue.PRICE
                  ? "a price in " + currency.getCurrencyCode()
                  : "a weight in kilograms")
              + " has 0 to "
              + maxDecimals
              + " decimals, not "
              + valueDecimals);
    }
  }

  /**
   * {@code 2P IIIII C VVVV K}: a 4-digit price in minor units with a price check digit. Under
   * {@code "21"} in EUR, {@code 2112345928753} is item {@code 2112345} at 28.75.
   */
  public static EmbeddedBarcodeLayout priceWithCheck(String prefix, Currency currency) {
    return priceLayout(prefix, 4, true, currency);
  }

  /** {@code 2P IIII C VVVVV K}: a 5-digit price in minor units with a price check digit. */
  public static EmbeddedBarcodeLayout priceFiveDigitsWithCheck(String prefix, Currency currency) {
    return priceLayout(prefix, 5, true, currency);
  }

  /** {@code 2P IIIII VVVVV K}: a 5-digit price in minor units. */
  public static EmbeddedBarcodeLayout price(String prefix, Currency currency) {
    return priceLayout(prefix, 5, false, currency);
  }

  /** {@code 2P IIIII VVVVV K}: a 5-digit weight in grams. */
  public static EmbeddedBarcodeLayout weight(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return new EmbeddedBarcodeLayout(
        prefix,
        itemDigitsLeft(prefix, 5, false),
        EmbeddedValue.WEIGHT,
        5,
        UnitOfMeasure.KILOGRAM.scale(),
        false,
        Currency.getInstance("XXX"));
  }

  private static EmbeddedBarcodeLayout priceLayout(
      String prefix, int valueDigits, boolean check, Currency currency) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(currency, "currency");
    return new EmbeddedBarcodeLayout(
        prefix,
        itemDigitsLeft(prefix, valueDigits, check),
        EmbeddedValue.PRICE,
        valueDigits,
        Money.minorUnits(currency),
        check,
        currency);
  }

  /** The item digits left of 13 after the prefix, the value, the price check and EAN check. */
  private static int itemDigitsLeft(String prefix, int valueDigits, boolean check) {
    return 12 - prefix.length() - valueDigits - (check ? 1 : 0);
  }

  /** True when {@code barcode} is an EAN-13 that starts with this layout's prefix. */
  public boolean matches(Barcode barcode) {
    return barcode.symbology() == Symbology.EAN_13 && barcode.digits().startsWith(prefix);
  }

  /**
   * Decodes a barcode this layout {@link #matches}.
   *
   * @throws InvalidInputException with {@link ErrorCode#BARCODE_INVALID} when the barcode does not
   *     match this layout or its price check digit is wrong
   */
  public EmbeddedBarcode decode(Barcode barcode) {
    String d = barcode.digits();
    if (!matches(barcode)) {
      throw new InvalidInputException(
          ErrorCode.BARCODE_INVALID,
          "'" + d + "' is not an in-store EAN-13 starting with " + prefix);
    }
    int itemEnd = prefix.length() + itemDigits;
    int valueStart = itemEnd + (priceCheckDigit ? 1 : 0);
    String value = d.substring(valueStart, valueStart + valueDigits);
    if (priceCheckDigit) {
      int expected = PriceCheckDigit.of(value);
      int actual = d.charAt(itemEnd) - '0';
      if (expected != actual) {
        throw new InvalidInputException(
            ErrorCode.BARCODE_INVALID,
            "'"
                + d
                + "' is not a valid barcode: price check digit should be "
                + expected
                + ", was "
                + actual);
      }
    }
    BigDecimal amount = new BigDecimal(value).movePointLeft(valueDecimals);
    String itemCode = d.substring(0, itemEnd);
    return kind == EmbeddedValue.PRICE
        ? new EmbeddedBarcode(itemCode, Optional.of(Money.of(amount, currency)), Optional.empty())
        : new EmbeddedBarcode(
            itemCode, Optional.empty(), Optional.of(new Quantity(amount, UnitOfMeasure.KILOGRAM)));
  }

  /**
   * The barcode a product is registered under for this layout: its item code with the value (and
   * price check) digits zeroed, and a valid check digit.
   */
  public Barcode itemBarcode(String itemCode) {
    if (!itemCode.startsWith(prefix) || itemCode.length() != prefix.length() + itemDigits) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "item code '"
              + itemCode
              + "' must be the prefix "
              + prefix
              + " and "
              + itemDigits
              + " digits");
    }
    String payload = itemCode + "0".repeat(12 - itemCode.length());
    return new Barcode(payload + Barcode.checkDigit(payload), Symbology.EAN_13);
  }

  private static InvalidInputException invalidLayout(String why) {
    return new InvalidInputException(ErrorCode.VALIDATION, why);
  }
}

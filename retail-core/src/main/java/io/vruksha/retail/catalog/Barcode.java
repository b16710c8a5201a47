package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;

/**
 * A validated GS1 retail barcode: EAN-13, EAN-8 or UPC-A, its check digit verified.
 *
 * <p>Equality is by digits and symbology; {@link #toGtin13()} gives the 13-digit form under which
 * the catalogue indexes every barcode, so a UPC-A scanned as an EAN-13 (with a leading 0) finds the
 * same product.
 *
 * @param digits the digits, check digit last
 * @param symbology the symbology, implied by the length
 */
public record Barcode(String digits, Symbology symbology) {

  /** Validates the digits, the length for the symbology, and the check digit. */
  public Barcode {
    Objects.requireNonNull(digits, "digits");
    Objects.requireNonNull(symbology, "symbology");
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(digits, "a barcode has only digits");
    }
    if (digits.length() != symbology.length()) {
      throw invalid(
          digits, symbology + " has " + symbology.length() + " digits, not " + digits.length());
    }
    int expected = checkDigit(digits.substring(0, digits.length() - 1));
    int actual = digits.charAt(digits.length() - 1) - '0';
    if (expected != actual) {
      throw invalid(digits, "check digit should be " + expected + ", was " + actual);
    }
  }

  /**
   * Parses a scanned or keyed barcode, telling the symbology by its length: 13 digits EAN-13, 12
   * UPC-A, 8 EAN-8.
   *
   * @throws InvalidInputException with {@link ErrorCode#BARCODE_INVALID} saying what is wrong
   */
  public static Barcode parse(String text) {
    Objects.requireNonNull(text, "barcode");
    String digits = text.strip();
    Symbology symbology =
        switch (digits.length()) {
          case 13 -> Symbology.EAN_13;
          case 12 -> Symbology.UPC_A;
          case 8 -> Symbology.EAN_8;
          default ->
              throw invalid(digits, "a barcode has 8, 12 or 13 digits, not " + digits.length());
        };
    return new Barcode(digits, symbology);
  }

  /**
   * The GS1 modulo-10 check digit of {@code payload} (the digits without the check digit): from the
   * right, digits are weighted 3, 1, 3, 1, ...; the check digit brings the sum to a multiple of 10.
   */
  public static int checkDigit(String payload) {
    int sum = 0;
    boolean three = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      char c = payload.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(payload, "a barcode has only digits");
      }
      sum += (c - '0') * (three ? 3 : 1);
      three = !three;
    }
    return (10 - sum % 10) % 10;
  }

  /** The 13-digit form: EAN-13 as is, UPC-A with a leading 0; EAN-8 has none and stays as is. */
  public String toGtin13() {
    return symbology == Symbology.UPC_A ? "0" + digits : digits;
  }

  /** True for a GS1 in-store (restricted circulation) number: EAN-13 starting with 2. */
  public boolean isInStore() {
    return symbology == Symbology.EAN_13 && digits.charAt(0) == '2';
  }

  private static InvalidInputException invalid(String digits, String why) {
    return new InvalidInputException(
        ErrorCode.BARCODE_INVALID, "'" + digits + "' is not a valid barcode: " + why);
  }

  @Override
  public String toString() {
    return digits;
  }
}

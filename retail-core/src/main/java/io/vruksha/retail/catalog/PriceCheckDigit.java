package io.vruksha.retail.catalog;

/**
 * The GS1 check digit over a 4- or 5-digit price (or weight) embedded in an in-store EAN-13 (GS1
 * General Specifications §7.9.3, "check digit calculation for price/weight fields").
 *
 * <p>Each digit is mapped through the weighting factor of its position; the weighting tables are:
 *
 * <ul>
 *   <li>2-: the digit doubled; a two-digit product has its tens digit subtracted from its units
 *       digit (mod 10): 0 2 4 6 8 9 1 3 5 7
 *   <li>3: the units digit of three times the digit: 0 3 6 9 2 5 8 1 4 7
 *   <li>5+: five times the digit, tens digit added to units digit (mod 10): 0 5 1 6 2 7 3 8 4 9
 *   <li>5-: five times the digit, tens digit subtracted from units digit (mod 10): 0 5 9 4 8 3 7 2
 *       6 1
 * </ul>
 *
 * <p>Four digits are weighted 2-, 2-, 3, 5-; the check digit is the units digit of three times the
 * sum. GS1's worked example: price 2875 has check digit 9 (4 + 5 + 1 + 3 = 13; 13 × 3 = 39).
 *
 * <p>Five digits are weighted 5+, 2-, 5-, 5+, 2-; the check digit is the digit whose 5- weighted
 * value brings the sum to a multiple of ten. For 14685: 5 + 8 + 7 + 4 + 9 = 33, which needs 7 more;
 * 5- maps 6 to 7, so the check digit is 6.
 *
 * <p>Every table is a permutation of 0–9, so any single wrong digit in the value changes the check
 * digit.
 */
final class PriceCheckDigit {

  private static final int[] TWO_MINUS = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
  private static final int[] THREE = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
  private static final int[] FIVE_PLUS = {0, 5, 1, 6, 2, 7, 3, 8, 4, 9};
  private static final int[] FIVE_MINUS = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

  private PriceCheckDigit() {}

  /** The check digit over a 4- or 5-digit value. */
  static int of(String value) {
    return switch (value.length()) {
      case 4 -> ofFourDigits(value);
      case 5 -> ofFiveDigits(value);
      default ->
          throw new IllegalArgumentException(
              "a price check digit covers 4 or 5 digits, not " + value.length());
    };
  }

  static int ofFourDigits(String value) {
    int sum =
        TWO_MINUS[digit(value, 0)]
            + TWO_MINUS[digit(value, 1)]
            + THREE[digit(value, 2)]
            + FIVE_MINUS[digit(value, 3)];
    return (sum * 3) % 10;
  }

  static int ofFiveDigits(String value) {
    int sum =
        FIVE_PLUS[digit(value, 0)]
            + TWO_MINUS[digit(value, 1)]
            + FIVE_MINUS[digit(value, 2)]
            + FIVE_PLUS[digit(value, 3)]
            + TWO_MINUS[digit(value, 4)];
    int missing = (10 - sum % 10) % 10;
    for (int d = 0; d < 10; d++) {
      if (FIVE_MINUS[d] == missing) {
        return d;
      }
    }
    throw new AssertionError("5- weighting is a permutation of 0-9");
  }

  private static int digit(String value, int i) {
    return value.charAt(i) - '0';
  }
}

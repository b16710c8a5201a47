package io.vruksha.retail.catalog;

/**
 * The GS1 check digit over a 4-digit price embedded in an in-store EAN-13 (GS1 General
 * Specifications, "check digit calculation for price/weight fields").
 *
 * <p>Each digit is mapped through a weighting factor — 2-, 2-, 3, 5- for the four positions — and
 * the check digit is the units digit of three times the sum. The weighting tables:
 *
 * <ul>
 *   <li>2-: the digit doubled; a two-digit product has its tens digit subtracted from its units
 *       digit (mod 10): 0 2 4 6 8 9 1 3 5 7
 *   <li>3: the units digit of three times the digit: 0 3 6 9 2 5 8 1 4 7
 *   <li>5-: five times the digit, tens digit subtracted from units digit (mod 10): 0 5 9 4 8 3 7 2
 *       6 1
 * </ul>
 *
 * <p>GS1's worked example: price 2875 has check digit 9 (4 + 5 + 1 + 3 = 13; 13 × 3 = 39).
 */
final class PriceCheckDigit {

  private static final int[] TWO_MINUS = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
  private static final int[] THREE = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
  private static final int[] FIVE_MINUS = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

  private PriceCheckDigit() {}

  static int ofFourDigits(String value) {
    int sum =
        TWO_MINUS[digit(value, 0)]
            + TWO_MINUS[digit(value, 1)]
            + THREE[digit(value, 2)]
            + FIVE_MINUS[digit(value, 3)];
    return (sum * 3) % 10;
  }

  private static int digit(String value, int i) {
    return value.charAt(i) - '0';
  }
}

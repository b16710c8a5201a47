package io.vruksha.retail.giftcard;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Gift card codes. The engine makes codes of 16 digits: 15 drawn from {@link SecureRandom} (10^15
 * codes, so a guesser who gets a handful of tries before the lock-out has about one chance in 10^14
 * per try per issued card) and a Luhn check digit (ISO/IEC 7812-1, the payment cards' digit: it
 * catches every single mistyped digit and most swaps of neighbours, so a typo is told apart from a
 * wrong card before any lookup). Cards imported from another system keep their own codes: 8 to 32
 * letters and digits, with no check digit required.
 *
 * <p>Codes are shown masked, all but the last four characters hidden ({@code **** 3456}), wherever
 * a card is listed; only the sale or return that issued a card shows its whole code, once, to be
 * printed. Thread-safe.
 */
public final class GiftCardCode {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The length of the codes the engine makes. */
  public static final int LENGTH = 16;

  private GiftCardCode() {}

  /** A new random code of {@link #LENGTH} digits whose last is the Luhn check digit. */
  public static String generate() {
    StringBuilder b = new StringBuilder(LENGTH);
    b.append(1 + RANDOM.nextInt(9)); // no leading zero: the code survives being read as a number
    for (int i = 1; i < LENGTH - 1; i++) {
      b.append(RANDOM.nextInt(10));
    }
    return b.append(luhnDigit(b)).toString();
  }

  /**
   * The Luhn check digit of {@code payload}: from the rightmost digit leftwards, every second digit
   * doubled (minus 9 when above 9), all summed; the check digit brings the sum to a multiple of 10.
   */
  public static int luhnDigit(CharSequence payload) {
    int sum = 0;
    boolean doubled = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not a digit in " + payload);
      }
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return (10 - sum % 10) % 10;
  }

  /** True when {@code code} is all digits and its last digit is its Luhn check digit. */
  public static boolean luhnValid(String code) {
    if (code.length() < 2 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return luhnDigit(code.substring(0, code.length() - 1)) == code.charAt(code.length() - 1) - '0';
  }

  /**
   * The code as stored: spaces and dashes (as printed on cards) removed, letters upper-cased.
   *
   * @throws InvalidInputException VALIDATION when it is not 8 to 32 letters and digits
   */
  public static String normalise(String code) {
    if (code == null) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a gift card code is needed");
    }
    String c = code.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z0-9]{8,32}")) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a gift card code is 8 to 32 letters and digits");
    }
    return c;
  }

  /**
   * True when {@code code} looks like one the engine made (16 digits) but its check digit is wrong:
   * a typo, told apart from a wrong card.
   */
  public static boolean mistyped(String normalised) {
    return normalised.length() == LENGTH
        && normalised.chars().allMatch(c -> c >= '0' && c <= '9')
        && !luhnValid(normalised);
  }

  /** The code with all but its last four characters hidden: {@code **** 3456}. */
  public static String mask(String code) {
    return "**** " + code.substring(Math.max(0, code.length() - 4));
  }

  /** The code in groups of four, as printed on a card: {@code 4929 1234 5678 9012}. */
  public static String grouped(String code) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < code.length(); i += 4) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(code, i, Math.min(code.length(), i + 4));
    }
    return b.toString();
  }
}

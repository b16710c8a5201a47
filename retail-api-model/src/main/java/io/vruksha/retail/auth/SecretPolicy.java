package io.vruksha.retail.auth;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which new passwords and PINs a member of staff may have. A password needs {@code
 * passwordMinLength} characters (at least 8) and at most {@link Passwords#MAX_BYTES} bytes in
 * UTF-8, and is refused when it is common (the bundled {@code common-passwords.txt}, in any case,
 * alone or with up to four digits or symbols or a simple run appended), one character repeated, a
 * simple run ({@code abcdefghij}, {@code 9876543210}), or the staff id (alone or with such a tail).
 * A PIN is {@code pinMinLength} (at least 4) to 8 digits and is refused when it is one digit
 * repeated, a run up or down ({@code 1234}, {@code 8765}, {@code 7890}), a repeated pair or half
 * ({@code 1212}, {@code 123123}), a 4-digit year 1900-2099, or a well-known PIN ({@code 2580}, the
 * keypad's middle column). Every refusal is a typed 400 on its field. Thread-safe.
 */
public final class SecretPolicy {

  /** The longest PIN. */
  public static final int PIN_MAX_LENGTH = 8;

  /** The shortest password by default ({@code PASSWORD_MIN_LENGTH}). */
  public static final int DEFAULT_PASSWORD_MIN_LENGTH = 10;

  /** The shortest PIN by default ({@code PIN_MIN_LENGTH}). */
  public static final int DEFAULT_PIN_MIN_LENGTH = 4;

  private static final Set<String> COMMON_PASSWORDS = load("common-passwords.txt");

  /** Well-known PINs the rules below do not already catch (keypad shapes, dates, the top lists). */
  private static final Set<String> COMMON_PINS =
      Set.of(
          "2580", "0852", "1470", "0741", "3690", "0963", "7410", "9630", "1379", "1397", "7931",
          "1004", "6969", "1122", "1313", "1010", "0007", "1701", "0911", "1030", "4200", "0420",
          "1337", "5683", "112233", "159753", "147258", "123321", "789456", "456789", "102030",
          "520520", "147852", "258369", "159357", "852456", "753951");

  private static final Pattern TAIL = Pattern.compile("^(.*?)([^\\p{L}]{1,})$");

  private final int passwordMinLength;
  private final int pinMinLength;

  /** Minimum lengths: a password of 8 to 72 characters, a PIN of 4 to 8 digits. */
  public SecretPolicy(int passwordMinLength, int pinMinLength) {
    if (passwordMinLength < 8 || passwordMinLength > Passwords.MAX_BYTES) {
      throw new IllegalArgumentException(
          "a password's minimum length must be 8 to " + Passwords.MAX_BYTES);
    }
    if (pinMinLength < 4 || pinMinLength > PIN_MAX_LENGTH) {
      throw new IllegalArgumentException("a PIN's minimum length must be 4 to " + PIN_MAX_LENGTH);
    }
    this.passwordMinLength = passwordMinLength;
    this.pinMinLength = pinMinLength;
  }

  /** The shortest password accepted. */
  public int passwordMinLength() {
    return passwordMinLength;
  }

  /** The shortest PIN accepted. */
  public int pinMinLength() {
    return pinMinLength;
  }

  /** Refuses (400, on its field) a new password or PIN for {@code staffId} that breaks a rule. */
  public void check(String staffId, Optional<String> password, Optional<String> pin) {
    password.ifPresent(p -> checkPassword(staffId, p));
    pin.ifPresent(p -> checkPin(staffId, p));
  }

  private void checkPassword(String staffId, String password) {
    if (password.length() < passwordMinLength || !Passwords.fits(password)) {
      throw refused(
          "password",
          "a password needs at least "
              + passwordMinLength
              + " characters and at most "
              + Passwords.MAX_BYTES
              + " bytes in UTF-8");
    }
    String p = password.toLowerCase(Locale.ROOT);
    String id = staffId == null ? "" : staffId.toLowerCase(Locale.ROOT);
    if (oneCharacter(p) || run(p)) {
      throw refused("password", "a password may not be one character repeated or a simple run");
    }
    if (commonWithTail(p, COMMON_PASSWORDS::contains)
        || (!id.isEmpty() && commonWithTail(p, id::equals))) {
      throw refused(
          "password",
          "this password is too common or too close to the staff id: choose another (a few words"
              + " of your own make a good one)");
    }
  }

  /** Whether {@code p}, or {@code p} without a short or simple tail of non-letters, is listed. */
  private static boolean commonWithTail(String p, Predicate<String> listed) {
    if (listed.test(p)) {
      return true;
    }
    Matcher m = TAIL.matcher(p);
    if (!m.matches() || m.group(1).isEmpty()) {
      return false;
    }
    String tail = m.group(2);
    return listed.test(m.group(1)) && (tail.length() <= 4 || oneCharacter(tail) || run(tail));
  }

  private void checkPin(String staffId, String pin) {
    if (pin.length() < pinMinLength
        || pin.length() > PIN_MAX_LENGTH
        || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw refused("pin", "a PIN is " + pinMinLength + " to " + PIN_MAX_LENGTH + " digits");
    }
    boolean year = pin.length() == 4 && (pin.startsWith("19") || pin.startsWith("20"));
    if (oneCharacter(pin)
        || digitRun(pin)
        || repeats(pin)
        || year
        || COMMON_PINS.contains(pin)
        || pin.equals(staffId)) {
      throw refused(
          "pin",
          "this PIN is too easy to guess (a repeated digit, a run, a repeated pair, a year or a"
              + " well-known PIN): choose another");
    }
  }

  private static boolean oneCharacter(String s) {
    return s.chars().distinct().count() == 1;
  }

  /** Consecutive characters all one up or all one down ({@code abcd}, {@code 4321}). */
  private static boolean run(String s) {
    if (s.length() < 3) {
      return false;
    }
    int step = s.charAt(1) - s.charAt(0);
    if (step != 1 && step != -1) {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      if (s.charAt(i) - s.charAt(i - 1) != step) {
        return false;
      }
    }
    return true;
  }

  /** Digits one up or one down around the dial ({@code 7890}, {@code 2109}). */
  private static boolean digitRun(String pin) {
    int step = Math.floorMod(pin.charAt(1) - pin.charAt(0), 10);
    if (step != 1 && step != 9) {
      return false;
    }
    for (int i = 2; i < pin.length(); i++) {
      if (Math.floorMod(pin.charAt(i) - pin.charAt(i - 1), 10) != step) {
        return false;
      }
    }
    return true;
  }

  /** A pair repeated ({@code 1212}, {@code 343434}) or a half repeated ({@code 123123}). */
  private static boolean repeats(String pin) {
    for (int unit = 1; unit <= pin.length() / 2; unit++) {
      if (pin.length() % unit == 0
          && pin.substring(0, unit).repeat(pin.length() / unit).equals(pin)) {
        return true;
      }
    }
    return false;
  }

  private static InvalidInputException refused(String field, String message) {
    return new InvalidInputException(ErrorCode.VALIDATION, message, List.of(field));
  }

  private static Set<String> load(String resource) {
    Set<String> words = new HashSet<>();
    try (InputStream in = SecretPolicy.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String w = line.strip().toLowerCase(Locale.ROOT);
          if (!w.isEmpty() && !w.startsWith("#")) {
            words.add(w);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}

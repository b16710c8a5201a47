package io.vruksha.retail.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class SecretPolicyTest {

  private final SecretPolicy policy = new SecretPolicy(10, 4);

  private void refusedPin(SecretPolicy p, String pin) {
    assertThatThrownBy(() -> p.check("sam", Optional.empty(), Optional.of(pin)))
        .as(pin)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> Assertions.assertThat(e.details()).containsExactly("pin"));
  }

  private void refusedPassword(String staffId, String password) {
    assertThatThrownBy(() -> policy.check(staffId, Optional.of(password), Optional.empty()))
        .as(password)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> Assertions.assertThat(e.details()).containsExactly("password"));
  }

  @Test
  void easyPinsAreRefused() {
    for (String pin :
        List.of(
            "0000",
            "1111",
            "9999",
            "1234",
            "4321",
            "2345",
            "7890",
            "0987",
            "1212",
            "3434",
            "123123",
            "2580",
            "1004",
            "6969",
            "1999",
            "2024",
            "12345678",
            "87654321",
            "111111",
            "123",
            "123456789",
            "12a4")) {
      refusedPin(policy, pin);
    }
  }

  @Test
  void otherPinsAreAccepted() {
    for (String pin : List.of("4826", "7391", "5190", "3816", "2468", "1357", "9275", "604715")) {
      assertThatCode(() -> policy.check("sam", Optional.empty(), Optional.of(pin)))
          .as(pin)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void theMinimumPinLengthIsConfigurable() {
    SecretPolicy six = new SecretPolicy(10, 6);
    refusedPin(six, "4826");
    refusedPin(six, "48261");
    assertThatCode(() -> six.check("sam", Optional.empty(), Optional.of("482617")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new SecretPolicy(10, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretPolicy(7, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commonAndTrivialPasswordsAreRefused() {
    for (String pw :
        List.of(
            "aaaaaaaaaa",
            "abcdefghij",
            "9876543210",
            "password123",
            "Password1!",
            "PASSWORD2024",
            "qwertyuiop",
            "iloveyou12",
            "football12",
            "vruksha2024",
            "letmein123456",
            "1q2w3e4r5t")) {
      refusedPassword("sam", pw);
    }
    refusedPassword("samantha-k", "Samantha-K");
    refusedPassword("samantha-k", "samantha-k2024");
    refusedPassword("sam", "short-one"); // 9 characters
  }

  @Test
  void ownPasswordsAreAccepted() {
    for (String pw :
        List.of(
            "demo-admin-1", "demo-manager-1", "plum-kettle-orbit", "football-under-moonlight")) {
      assertThatCode(() -> policy.check("sam", Optional.of(pw), Optional.empty()))
          .as(pw)
          .doesNotThrowAnyException();
    }
    SecretPolicy eight = new SecretPolicy(8, 4);
    assertThatCode(() -> eight.check("sam", Optional.of("kx7-pq2z"), Optional.empty()))
        .doesNotThrowAnyException();
    Assertions.assertThatThrownBy(
            () -> eight.check("sam", Optional.of("aaaaaaaa"), Optional.empty()))
        .isInstanceOf(InvalidInputException.class);
  }
}

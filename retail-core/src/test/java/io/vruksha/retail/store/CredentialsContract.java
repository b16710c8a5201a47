package io.vruksha.retail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link Credentials} adapter must do: keep hashes, failures and lock-outs. */
public abstract class CredentialsContract {

  /** A new, empty adapter. */
  protected abstract Credentials newCredentials();

  /** The staff of the adapter {@link #newCredentials()} made last (the same database). */
  protected abstract Staff staff();

  /** bcrypt (cost 4) of the PIN 2468: adapters that check inside the database check it there. */
  private static final String PIN_HASH =
      "$2a$04$2OlFhVaIkysYYOaLo.OA/eSgBL6XudzU15gV0W/D9zeo.tGBKq1R2";

  /** The check an adapter that leaves it to the caller uses: knows the one hash above. */
  private static final Credentials.SecretCheck CHECK =
      new Credentials.SecretCheck() {
        @Override
        public boolean matches(String secret, String hash) {
          return hash.equals(PIN_HASH) && secret.equals("2468");
        }

        @Override
        public void matchesNothing(String secret) {}
      };

  private static Credentials.LoginAttempt pin(String staffId, String secret) {
    return new Credentials.LoginAttempt(
        staffId, true, secret, Instant.now(), 3, java.time.Duration.ofMinutes(15));
  }

  @Test
  void anAttemptChecksCountsLocksAndAnswersTheMemberOnlyWhenItPasses() {
    Credentials c = newCredentials();
    StaffMember cara = new StaffMember("cara", "Cara", StoreId.of("s1"), Role.SUPERVISOR);
    staff().save(cara);
    c.save(
        new Credentials.Credential(
            "cara", Optional.empty(), Optional.of(PIN_HASH), 0, Optional.empty()));

    Credentials.Attempt right = c.attempt(pin("cara", "2468"), CHECK, staff());
    assertThat(right.outcome()).isEqualTo(Credentials.Outcome.PASSED);
    assertThat(right.member()).contains(cara);
    // a password she does not have, an unknown id: refused, nobody answered
    assertThat(
            c.attempt(
                    new Credentials.LoginAttempt(
                        "cara", false, "2468", Instant.now(), 3, java.time.Duration.ofMinutes(15)),
                    CHECK,
                    staff())
                .outcome())
        .isEqualTo(Credentials.Outcome.REFUSED);
    assertThat(c.attempt(pin("nobody", "2468"), CHECK, staff()).member()).isEmpty();
    // the password attempt counted once; two wrong PINs make three in a row: locked
    assertThat(c.attempt(pin("cara", "1111"), CHECK, staff()).outcome())
        .isEqualTo(Credentials.Outcome.REFUSED);
    Credentials.Attempt third = c.attempt(pin("cara", "1111"), CHECK, staff());
    assertThat(third.outcome()).isEqualTo(Credentials.Outcome.REFUSED);
    assertThat(third.lockedUntil()).isPresent();
    Credentials.Attempt locked = c.attempt(pin("cara", "2468"), CHECK, staff());
    assertThat(locked.outcome()).isEqualTo(Credentials.Outcome.LOCKED);
    assertThat(locked.member()).isEmpty();
  }

  @Test
  void hashesFailuresAndLockOutsAreKept() {
    Credentials c = newCredentials();
    assertThat(c.find("anna")).isEmpty();
    Credentials.Credential anna =
        new Credentials.Credential(
            "anna", Optional.of("$2a$10$pw"), Optional.of("$2a$10$pin"), 0, Optional.empty());
    c.save(anna);
    assertThat(c.find("anna")).contains(anna);

    Instant until = Instant.parse("2026-11-24T12:15:00Z").truncatedTo(ChronoUnit.MICROS);
    Credentials.Credential locked = anna.failed(Optional.empty()).failed(Optional.of(until));
    c.save(locked);
    assertThat(c.find("anna").orElseThrow().failedAttempts()).isEqualTo(2);
    assertThat(c.find("anna").orElseThrow().lockedUntil()).contains(until);

    c.save(locked.succeeded());
    assertThat(c.find("anna").orElseThrow().failedAttempts()).isZero();
    assertThat(c.find("anna").orElseThrow().lockedUntil()).isEmpty();

    Credentials.Credential pinOnly =
        new Credentials.Credential(
            "max", Optional.empty(), Optional.of("$2a$10$x"), 0, Optional.empty());
    c.save(pinOnly);
    assertThat(c.find("max")).contains(pinOnly);
  }
}

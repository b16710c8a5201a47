package io.vruksha.retail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.work.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Credentials} adapter must do: keep hashes, failures per address and across
 * addresses, growing waits rather than a hard lock, a manager's lock and token versions. The
 * in-memory adapter is the reference.
 */
public abstract class CredentialsContract {

  /** A new, empty adapter. */
  protected abstract Credentials newCredentials();

  /** The staff of the adapter {@link #newCredentials()} made last (the same database). */
  protected abstract Staff staff();

  /** The unit of work of the adapter {@link #newCredentials()} made last. */
  protected abstract UnitOfWork unitOfWork();

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

  /** 3 free from one address, 6 from new ones; 1 minute doubling to 8 minutes. */
  private static final Credentials.Throttling T =
      new Credentials.Throttling(3, 6, Duration.ofMinutes(1), Duration.ofMinutes(8));

  private static final StoreId S1 = StoreId.of("s1");

  private Credentials.Attempt pin(Credentials c, String staffId, String secret, String from) {
    return c.attempt(
        new Credentials.LoginAttempt(staffId, true, secret, from, Instant.now(), T),
        CHECK,
        staff());
  }

  private Credentials withCara() {
    Credentials c = newCredentials();
    staff().save(new StaffMember("cara", "Cara", S1, Role.SUPERVISOR));
    c.save(
        new Credentials.Credential(
            "cara", Optional.empty(), Optional.of(PIN_HASH), 0, Optional.empty()));
    return c;
  }

  @Test
  void anAttemptChecksCountsAndAnswersTheMemberOnlyWhenItPasses() {
    Credentials c = withCara();
    Credentials.Attempt right = pin(c, "cara", "2468", "10.0.0.1");
    assertThat(right.outcome()).isEqualTo(Credentials.Outcome.PASSED);
    assertThat(right.member()).contains(new StaffMember("cara", "Cara", S1, Role.SUPERVISOR));
    assertThat(right.tokenVersion()).isZero();
    // a password she does not have, an unknown id: refused, nobody answered
    assertThat(
            c.attempt(
                    new Credentials.LoginAttempt(
                        "cara", false, "2468", "10.0.0.1", Instant.now(), T),
                    CHECK,
                    staff())
                .outcome())
        .isEqualTo(Credentials.Outcome.REFUSED);
    assertThat(pin(c, "nobody", "2468", "10.0.0.1").member()).isEmpty();
    // the password attempt counted once; two wrong PINs make three in a row: a wait, not a lock
    assertThat(pin(c, "cara", "1357", "10.0.0.1").outcome()).isEqualTo(Credentials.Outcome.REFUSED);
    Credentials.Attempt third = pin(c, "cara", "1357", "10.0.0.1");
    assertThat(third.outcome()).isEqualTo(Credentials.Outcome.REFUSED);
    assertThat(third.lockedUntil()).isPresent();
    Credentials.Attempt waiting = pin(c, "cara", "2468", "10.0.0.1");
    assertThat(waiting.outcome()).isEqualTo(Credentials.Outcome.LOCKED);
    assertThat(waiting.member()).isEmpty();
    assertThat(c.findSource("cara", "10.0.0.1").orElseThrow().failures()).isEqualTo(3);
  }

  @Test
  void aStrangersFailuresDoNotKeepTheMemberOutAtAnotherAddress() {
    Credentials c = withCara();
    for (int i = 0; i < 5; i++) {
      pin(c, "cara", "1357", "203.0.113.9");
    }
    assertThat(pin(c, "cara", "2468", "203.0.113.9").outcome())
        .isEqualTo(Credentials.Outcome.LOCKED);
    // her till has never logged her in, and five new-address failures are under the ceiling
    Credentials.Attempt till = pin(c, "cara", "2468", "10.0.0.7");
    assertThat(till.outcome()).isEqualTo(Credentials.Outcome.PASSED);
    // that first success from a new address cleared the count across addresses
    assertThat(c.find("cara").orElseThrow().failedAttempts()).isZero();
    assertThat(c.findSource("cara", "10.0.0.7").orElseThrow().known()).isTrue();
  }

  @Test
  void aGuesserSpreadOverAddressesMeetsTheCeilingButTheMembersKnownTillStaysOpen() {
    Credentials c = withCara();
    assertThat(pin(c, "cara", "2468", "10.0.0.7").outcome())
        .isEqualTo(Credentials.Outcome.PASSED); // her till is known
    for (int i = 0; i < 6; i++) {
      pin(c, "cara", "1357", "198.51.100." + i); // one guess from each of six addresses
    }
    assertThat(c.find("cara").orElseThrow().failedAttempts()).isEqualTo(6);
    assertThat(c.find("cara").orElseThrow().lockedUntil()).isPresent();
    // a seventh address waits, even with the right PIN, and its attempt is not counted
    assertThat(pin(c, "cara", "2468", "198.51.100.99").outcome())
        .isEqualTo(Credentials.Outcome.LOCKED);
    assertThat(c.find("cara").orElseThrow().failedAttempts()).isEqualTo(6);
    // her known till is not held back by the ceiling, and a success there does not lift it
    assertThat(pin(c, "cara", "2468", "10.0.0.7").outcome()).isEqualTo(Credentials.Outcome.PASSED);
    assertThat(c.find("cara").orElseThrow().failedAttempts()).isEqualTo(6);
  }

  @Test
  void waitsDoubleFromTheFreeAttemptsUpToTheCap() {
    Credentials c = withCara();
    // a known address, so only its own count applies (not the ceiling across new ones)
    assertThat(pin(c, "cara", "2468", "a").outcome()).isEqualTo(Credentials.Outcome.PASSED);
    Duration[] expected = {
      null,
      null,
      Duration.ofMinutes(1),
      Duration.ofMinutes(2),
      Duration.ofMinutes(4),
      Duration.ofMinutes(8),
      Duration.ofMinutes(8)
    };
    for (Duration wait : expected) {
      Instant before = Instant.now();
      Credentials.Attempt a = pin(c, "cara", "1357", "a");
      assertThat(a.outcome()).isEqualTo(Credentials.Outcome.REFUSED);
      if (wait == null) {
        assertThat(a.lockedUntil()).isEmpty();
        continue;
      }
      // the adapter's clock (the database's) may differ from the test's by a little
      assertThat(a.lockedUntil().orElseThrow())
          .isBetween(before.plus(wait).minusSeconds(5), Instant.now().plus(wait).plusSeconds(5));
      // a try during the wait is refused unchecked and not counted
      assertThat(pin(c, "cara", "2468", "a").outcome()).isEqualTo(Credentials.Outcome.LOCKED);
      Credentials.Source s = c.findSource("cara", "a").orElseThrow();
      // the wait is over (moved into the past): the next failure waits twice as long
      c.saveSource(
          new Credentials.Source(
              "cara", "a", s.failures(), Optional.of(Instant.now().minusSeconds(10)), s.known()));
    }
    assertThat(c.findSource("cara", "a").orElseThrow().failures()).isEqualTo(7);
    assertThat(pin(c, "cara", "2468", "a").outcome()).isEqualTo(Credentials.Outcome.PASSED);
    assertThat(c.findSource("cara", "a").orElseThrow().failures()).isZero();
  }

  @Test
  void aManagersLockRefusesEveryLoginAndEndsTokensUnlockForgetsFailures() {
    Credentials c = withCara();
    for (int i = 0; i < 3; i++) {
      pin(c, "cara", "1357", "10.0.0.1");
    }
    unitOfWork()
        .runFor(
            S1,
            () -> {
              c.setLocked("cara", true, "boss");
              return null;
            });
    assertThat(pin(c, "cara", "2468", "10.0.0.2").outcome()).isEqualTo(Credentials.Outcome.LOCKED);
    assertThat(c.tokenVersion("cara", staff())).contains(1L);
    unitOfWork()
        .runFor(
            S1,
            () -> {
              c.setLocked("cara", false, "boss");
              return null;
            });
    assertThat(c.findSource("cara", "10.0.0.1")).isEmpty();
    Credentials.Attempt back = pin(c, "cara", "2468", "10.0.0.1");
    assertThat(back.outcome()).isEqualTo(Credentials.Outcome.PASSED);
    assertThat(back.tokenVersion()).isEqualTo(1L);
  }

  @Test
  void tokenVersionsExistOnlyForStaffAndMoveOnWithEveryChange() {
    Credentials c = newCredentials();
    assertThat(c.tokenVersion("dan", staff())).isEmpty();
    staff().save(new StaffMember("dan", "Dan", S1, Role.CASHIER));
    assertThat(c.tokenVersion("dan", staff())).contains(0L);
    unitOfWork()
        .runFor(
            S1,
            () -> {
              c.nextTokenVersion("dan");
              return null;
            });
    assertThat(c.tokenVersion("dan", staff())).contains(1L);
    pin(c, "dan", "1357", "10.0.0.1");
    unitOfWork()
        .runFor(
            S1,
            () -> {
              c.setSecrets("dan", Optional.empty(), Optional.of(PIN_HASH));
              return null;
            });
    assertThat(c.tokenVersion("dan", staff())).contains(2L);
    assertThat(c.findSource("dan", "10.0.0.1")).isEmpty();
    // nothing to set: nothing changes
    unitOfWork()
        .runFor(
            S1,
            () -> {
              c.setSecrets("dan", Optional.empty(), Optional.empty());
              return null;
            });
    assertThat(c.tokenVersion("dan", staff())).contains(2L);
  }

  @Test
  void hashesFailuresWaitsVersionsAndLocksAreKept() {
    Credentials c = newCredentials();
    assertThat(c.find("anna")).isEmpty();
    Credentials.Credential anna =
        new Credentials.Credential(
            "anna", Optional.of("$2a$10$pw"), Optional.of("$2a$10$pin"), 0, Optional.empty());
    c.save(anna);
    assertThat(c.find("anna")).contains(anna);

    Instant until = Instant.parse("2026-11-24T12:15:00Z").truncatedTo(ChronoUnit.MICROS);
    Credentials.Credential waiting = anna.failed(Optional.empty()).failed(Optional.of(until));
    c.save(waiting);
    assertThat(c.find("anna").orElseThrow().failedAttempts()).isEqualTo(2);
    assertThat(c.find("anna").orElseThrow().lockedUntil()).contains(until);

    c.save(waiting.succeeded());
    assertThat(c.find("anna").orElseThrow().failedAttempts()).isZero();
    assertThat(c.find("anna").orElseThrow().lockedUntil()).isEmpty();

    Credentials.Credential locked = anna.nextVersion().nextVersion().withLock(true);
    c.save(locked);
    assertThat(c.find("anna")).contains(locked);

    Credentials.Source source =
        new Credentials.Source("anna", "2001:db8::1", 4, Optional.of(until), true);
    c.saveSource(source);
    assertThat(c.findSource("anna", "2001:db8::1")).contains(source);
    assertThat(c.findSource("anna", "2001:db8::2")).isEmpty();
    c.clearSources("anna");
    assertThat(c.findSource("anna", "2001:db8::1")).isEmpty();

    Credentials.Credential pinOnly =
        new Credentials.Credential(
            "max", Optional.empty(), Optional.of("$2a$10$x"), 0, Optional.empty());
    c.save(pinOnly);
    assertThat(c.find("max")).contains(pinOnly);
  }
}

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

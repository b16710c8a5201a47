package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.store.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AuthCommandTest {

  private static final String SECRET = "a-cli-test-secret-of-at-least-32-chars";

  private record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Retail.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void mintsATokenTheServerAccepts() {
    Run r =
        run(
            Map.of("JWT_SECRET", SECRET),
            "auth",
            "token",
            "--role",
            "MANAGER",
            "--store",
            "demo",
            "--ttl",
            "1h");
    assertThat(r.code()).as(r.err()).isZero();
    Principal p = new Tokens(SECRET, Clock.systemUTC()).verify(r.out().strip());
    assertThat(p.role()).isEqualTo(Role.MANAGER);
    assertThat(p.stores()).containsExactly("demo");
    assertThat(p.subject()).isEqualTo("cli");
    assertThat(Duration.between(Instant.now(), p.expiresAt()))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
  }

  @Test
  void everyStoreAndSeveralStores() {
    Run r = run(Map.of("JWT_SECRET", SECRET), "auth", "token", "--role", "ADMIN", "--store", "*");
    assertThat(new Tokens(SECRET, Clock.systemUTC()).verify(r.out().strip()).stores())
        .containsExactly("*");
    Run two =
        run(
            Map.of("JWT_SECRET", SECRET),
            "auth",
            "token",
            "--role",
            "CASHIER",
            "--store",
            "a",
            "--store",
            "b");
    assertThat(new Tokens(SECRET, Clock.systemUTC()).verify(two.out().strip()).stores())
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aRoleInAnyCaseIsAccepted() {
    for (String role : new String[] {"admin", "Admin", "ADMIN"}) {
      Run r = run(Map.of("JWT_SECRET", SECRET), "auth", "token", "--role", role, "--store", "demo");
      assertThat(r.code()).as(role + ": " + r.err()).isZero();
      assertThat(new Tokens(SECRET, Clock.systemUTC()).verify(r.out().strip()).role())
          .isEqualTo(Role.ADMIN);
    }
  }

  @Test
  void exitCodesAreMappedInOnePlace() {
    CommandLine cli =
        Retail.commandLine(
            Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertThat(Retail.exitCode(new CommandLine.ParameterException(cli, "bad option")))
        .isEqualTo(Retail.USAGE);
    assertThat(
            Retail.exitCode(
                new InvalidInputException(ErrorCode.VALIDATION, "'a b' is not a store id")))
        .isEqualTo(Retail.USAGE);
    assertThat(
            Retail.exitCode(
                new StoredDataException("stored data of store demo cannot be read: ...", null)))
        .isEqualTo(Retail.FAILURE);
    assertThat(Retail.exitCode(new UnavailableException("the database is down", null)))
        .isEqualTo(Retail.FAILURE);
    assertThat(Retail.exitCode(new IllegalStateException("a bug"))).isEqualTo(Retail.FAILURE);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run(Map.of(), "auth", "token", "--role", "ADMIN", "--store", "demo").code())
        .isEqualTo(Retail.USAGE);
    assertThat(run(Map.of(), "auth", "token", "--role", "ADMIN", "--store", "demo").err())
        .contains("JWT_SECRET");
    assertThat(
            run(Map.of("JWT_SECRET", SECRET), "auth", "token", "--role", "KING", "--store", "demo")
                .code())
        .isEqualTo(Retail.USAGE);
    assertThat(run(Map.of("JWT_SECRET", SECRET), "auth", "token", "--role", "ADMIN").code())
        .isEqualTo(Retail.USAGE);
    assertThat(
            run(
                    Map.of("JWT_SECRET", SECRET),
                    "auth",
                    "token",
                    "--role",
                    "ADMIN",
                    "--store",
                    "demo",
                    "--ttl",
                    "soon")
                .code())
        .isEqualTo(Retail.USAGE);
    assertThat(run(Map.of(), "nonsense").code()).isEqualTo(Retail.USAGE);
  }

  @Test
  void aServiceTokenIsMarkedAsOneAndAMembersNeedsTheDatabase() {
    Run r =
        run(Map.of("JWT_SECRET", SECRET), "auth", "token", "--role", "CASHIER", "--store", "demo");
    assertThat(JWT.decode(r.out().strip()).getClaim("kind").asString()).isEqualTo("service");
    Run named =
        run(
            Map.of("JWT_SECRET", SECRET),
            "auth",
            "token",
            "--role",
            "CASHIER",
            "--store",
            "demo",
            "--service",
            "label-printer");
    assertThat(new Tokens(SECRET, Clock.systemUTC()).verify(named.out().strip()).subject())
        .isEqualTo("label-printer");
    // a member's token is checked against the database; without one there is none to mint
    Run noDb =
        run(
            Map.of("JWT_SECRET", SECRET),
            "auth",
            "token",
            "--role",
            "CASHIER",
            "--store",
            "demo",
            "--subject",
            "anna");
    assertThat(noDb.code()).isEqualTo(Retail.USAGE);
    assertThat(noDb.err()).contains("--subject needs the database");
    assertThat(noDb.out()).isBlank();
    Run both =
        run(
            Map.of("JWT_SECRET", SECRET),
            "auth",
            "token",
            "--role",
            "CASHIER",
            "--store",
            "demo",
            "--subject",
            "anna",
            "--service",
            "x");
    assertThat(both.code()).isEqualTo(Retail.USAGE);
    Run tooLong =
        run(
            Map.of("JWT_SECRET", SECRET),
            "auth",
            "token",
            "--role",
            "CASHIER",
            "--store",
            "demo",
            "--ttl",
            "31d");
    assertThat(tooLong.code()).isEqualTo(Retail.USAGE);
  }

  @Test
  void helpOnEveryCommand() {
    assertThat(run(Map.of(), "--help").out()).contains("auth", "Exit codes");
    assertThat(run(Map.of(), "auth", "token", "--help").out())
        .contains("--role", "--store", "--ttl");
  }
}

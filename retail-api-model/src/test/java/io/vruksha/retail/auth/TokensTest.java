package io.vruksha.retail.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.PermissionDeniedException;
import io.vruksha.retail.store.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token versions and the short cache they are checked through, on a ticker the test moves. */
class TokensTest {

  private static final String SECRET = "a-tokens-test-secret-of-32-characters!";

  private final Map<String, Long> versions = new HashMap<>(Map.of("ida", 3L));
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong();

  private Tokens tokens(Duration cache) {
    return Tokens.checked(
        SECRET,
        Clock.systemUTC(),
        s -> {
          asked.incrementAndGet();
          return Optional.ofNullable(versions.get(s));
        },
        cache,
        nanos::get);
  }

  @Test
  void aChangedVersionTakesEffectWithinTheCachesTime() {
    Tokens tokens = tokens(Duration.ofSeconds(5));
    String token = tokens.issueCurrent("ida", Role.MANAGER, Set.of("demo"), Duration.ofHours(1));
    assertThat(tokens.verify(token).subject()).isEqualTo("ida");
    versions.put("ida", 4L); // demoted, locked or a new PIN
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(tokens.verify(token).subject()).as("still cached at 4 s").isEqualTo("ida");
    nanos.addAndGet(Duration.ofMillis(1001).toNanos());
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOfSatisfying(
            PermissionDeniedException.class,
            p -> assertThat(p.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    assertThat(asked).hasValue(3); // issueCurrent, the first check, the one after 5 s
  }

  @Test
  void withoutACacheEveryCheckAsks() {
    Tokens tokens = tokens(Duration.ZERO);
    String token = tokens.issueCurrent("ida", Role.CASHIER, Set.of("demo"), Duration.ofHours(1));
    versions.remove("ida"); // removed
    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aSubjectThatIsNoMemberGetsNoTokenAndAForgedOneIsRefused() {
    Tokens tokens = tokens(Duration.ZERO);
    assertThatThrownBy(
            () -> tokens.issueCurrent("ghost", Role.ADMIN, Set.of("*"), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    String forged = tokens.issue("ghost", Role.ADMIN, Set.of("*"), Duration.ofHours(1), 0);
    assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(PermissionDeniedException.class);
    // a staff token without a version (as before version 15 of the schema) is refused
    String unversioned =
        JWT.create()
            .withIssuer("vruksha")
            .withSubject("ida")
            .withClaim("role", "ADMIN")
            .withClaim("stores", List.of("*"))
            .withExpiresAt(Instant.now().plusSeconds(600))
            .sign(Algorithm.HMAC256(SECRET));
    assertThatThrownBy(() -> tokens.verify(unversioned))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aServiceTokenIsNoMembersAndLastsAtMostThirtyDays() {
    Tokens tokens = tokens(Duration.ZERO);
    String service =
        tokens.issueService("ci-sync", Role.MANAGER, Set.of("demo"), Duration.ofDays(1));
    assertThat(tokens.verify(service).subject()).isEqualTo("ci-sync");
    assertThat(asked).hasValue(0);
    assertThatThrownBy(
            () -> tokens.issueService("ci", Role.ADMIN, Set.of("*"), Duration.ofDays(31)))
        .isInstanceOf(IllegalArgumentException.class);
    String tooLong =
        JWT.create()
            .withIssuer("vruksha")
            .withSubject("ci")
            .withClaim("role", "ADMIN")
            .withClaim("stores", List.of("*"))
            .withClaim("kind", "service")
            .withIssuedAt(Instant.now())
            .withExpiresAt(Instant.now().plus(Duration.ofDays(365)))
            .sign(Algorithm.HMAC256(SECRET));
    assertThatThrownBy(() -> tokens.verify(tooLong)).isInstanceOf(PermissionDeniedException.class);
  }
}

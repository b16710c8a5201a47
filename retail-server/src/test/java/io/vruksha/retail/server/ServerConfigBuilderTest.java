package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigBuilderTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void theBuildersDefaultsAreWhatAnEnvironmentWithOnlyADatabaseGives() {
    assertThat(ServerConfig.builder().jwtSecret(Optional.of(SECRET)).build())
        .isEqualTo(ServerConfig.from(Map.of("DB_HOST", "db", "JWT_SECRET", SECRET)));
  }

  @Test
  void aConfigurationRebuiltFromItselfIsEqualAndWithersChangeOneValue() {
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "PORT", "9000",
                "CORS_ORIGINS", "https://a.example, https://b.example",
                "TOKEN_TTL", "30m",
                "RATE_LIMIT_PER_IP", "77"));
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config.corsOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(config.tokenTtl()).isEqualTo(Duration.ofMinutes(30));

    ServerConfig moved = config.withPort(0);
    assertThat(moved.port()).isZero();
    assertThat(moved.toBuilder().port(9000).build()).isEqualTo(config);
    assertThat(config.withRateLimits(5, 6))
        .extracting(ServerConfig::rateLimitPerToken, ServerConfig::rateLimitPerIp)
        .isEqualTo(List.of(5, 6));
  }
}

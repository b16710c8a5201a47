package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Demo mode prints an admin token for every store: it listens on this machine only unless
 * BIND_ADDRESS says otherwise; with a database it listens on every address, behind the load
 * balancer.
 */
class BindAddressTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void demoModeListensOnTheLoopbackAddressByDefault() {
    assertThat(ServerConfig.from(Map.of()).bindAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void databaseModeListensOnEveryAddressByDefault() {
    assertThat(
            ServerConfig.from(Map.of("DB_HOST", "db.internal", "JWT_SECRET", SECRET)).bindAddress())
        .isEqualTo("0.0.0.0");
  }

  @Test
  void bindAddressChoosesTheAddressAndTheServerListensThere() {
    ServerConfig config = ServerConfig.from(Map.of("BIND_ADDRESS", " 127.0.0.1 ", "PORT", "0"));
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.withPort(0).bindAddress()).isEqualTo("127.0.0.1");
    try (RetailServer server = RetailServer.start(config, Map.of())) {
      assertThat(new TestClient(server).get("/health", null).status()).isEqualTo(200);
    }
  }
}

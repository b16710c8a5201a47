package io.vruksha.retail.server;

import java.util.Map;

/** The server in demo mode: in-memory adapters, the demo store. */
class DemoServerTest extends ServerContract {

  static final String SECRET = "a-test-secret-of-at-least-32-characters";

  static ServerConfig config() {
    return ServerConfig.from(Map.of("JWT_SECRET", SECRET)).withPort(0);
  }

  @Override
  protected RetailServer startServer() {
    return RetailServer.start(config(), Map.of());
  }
}

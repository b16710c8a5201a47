package io.vruksha.retail.server;

import java.util.Map;

/** {@link LoginsAndTokensContract} on the in-memory engine (demo mode). */
class LoginsAndTokensTest extends LoginsAndTokensContract {

  @Override
  protected RetailServer startServer() {
    return RetailServer.start(config(), Map.of());
  }

  @Override
  protected boolean remove(String staffId) {
    return false; // the in-memory staff has no removal; the IT removes as an operator would
  }
}

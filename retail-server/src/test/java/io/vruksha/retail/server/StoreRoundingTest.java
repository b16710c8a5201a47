package io.vruksha.retail.server;

import java.util.Map;

/** A store's rounding over HTTP on the demo server (in-memory adapters). */
class StoreRoundingTest extends StoreRoundingContract {

  @Override
  protected RetailServer startServer() {
    return RetailServer.start(DemoServerTest.config(), Map.of());
  }
}

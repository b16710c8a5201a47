package io.vruksha.retail.server;

import java.util.Map;

/** Look-ups by day across a daylight-saving change, on the in-memory adapters. */
class DaylightSavingLookupsTest extends DaylightSavingLookupsContract {

  @Override
  protected RetailServer startServer() {
    return RetailServer.start(DemoServerTest.config(), Map.of());
  }
}

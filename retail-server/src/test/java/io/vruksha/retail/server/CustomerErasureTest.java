package io.vruksha.retail.server;

import java.util.Map;

/** The customer erasure rule on the demo server (in-memory adapters). */
class CustomerErasureTest extends CustomerErasureContract {

  @Override
  protected RetailServer startServer() {
    return RetailServer.start(DemoServerTest.config(), Map.of());
  }
}

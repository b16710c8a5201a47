package io.vruksha.retail.order;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;

/** The fulfilment scenarios on the in-memory adapters. */
class InMemoryFulfilmentTest extends FulfilmentScenarios {

  @Override
  protected RetailEngine.Builder adapters() {
    return DemoStore.engineBuilder().reactInProcess(false);
  }
}

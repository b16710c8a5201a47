package io.vruksha.retail.payment;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;

/** The payment scenarios on the in-memory adapters. */
class InMemoryPaymentScenariosTest extends PaymentScenarios {

  @Override
  protected RetailEngine.Builder adapters() {
    return DemoStore.engineBuilder();
  }
}

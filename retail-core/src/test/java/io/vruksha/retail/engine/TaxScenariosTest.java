package io.vruksha.retail.engine;

/** The tax scenarios on the in-memory adapters. */
class TaxScenariosTest extends TaxScenariosContract {

  @Override
  protected RetailEngine newEngine() {
    return RetailEngine.builder().build();
  }
}

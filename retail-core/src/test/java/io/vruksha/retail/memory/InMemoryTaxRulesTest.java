package io.vruksha.retail.memory;

import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.tax.TaxRulesContract;

class InMemoryTaxRulesTest extends TaxRulesContract {

  @Override
  protected TaxRules newRules() {
    return new InMemoryTaxRules();
  }
}

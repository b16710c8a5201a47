package io.vruksha.retail.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.store.StoreId;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link TaxRules} adapter must show. */
public abstract class TaxRulesContract {

  /** A new, empty adapter for each test. */
  protected abstract TaxRules newRules();

  @Test
  void aStoresJurisdictionIsFoundAndReplaced() {
    TaxRules rules = newRules();
    TaxJurisdiction de =
        TaxJurisdiction.builder("DE", "Germany")
            .rule(TaxRule.standard(TaxCategory.of("standard"), TaxRate.of("DE19", "19%", "0.19")))
            .build();
    TaxJurisdiction at =
        TaxJurisdiction.builder("AT", "Austria")
            .rule(TaxRule.standard(TaxCategory.of("standard"), TaxRate.of("AT20", "20%", "0.20")))
            .build();
    assertThat(rules.jurisdictionOf(StoreId.of("berlin"))).isEmpty();
    rules.assign(StoreId.of("berlin"), de);
    rules.assign(StoreId.of("vienna"), de);
    rules.assign(StoreId.of("vienna"), at);
    assertThat(rules.jurisdictionOf(StoreId.of("berlin"))).contains(de);
    assertThat(rules.jurisdictionOf(StoreId.of("vienna"))).contains(at);
  }
}

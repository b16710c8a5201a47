package io.vruksha.retail.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.memory.InMemoryTaxRules;
import io.vruksha.retail.store.StoreId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTaxRulesTest {

  private static final StoreId STORE = StoreId.of("s1");

  private static TaxJurisdiction germany(String standardRate) {
    return TaxJurisdiction.builder("DE", "Germany")
        .pricesIncludeTax(true)
        .rule(TaxRule.standard(TaxCategory.of("standard"), TaxRate.of("DE", "MwSt", standardRate)))
        .build();
  }

  @Test
  void aJurisdictionIsReadOnceUntilItIsAssignedAgain() {
    InMemoryTaxRules real = new InMemoryTaxRules();
    AtomicInteger reads = new AtomicInteger();
    TaxRules counting =
        new TaxRules() {
          @Override
          public void assign(StoreId store, TaxJurisdiction jurisdiction) {
            real.assign(store, jurisdiction);
          }

          @Override
          public Optional<TaxJurisdiction> jurisdictionOf(StoreId store) {
            reads.incrementAndGet();
            return real.jurisdictionOf(store);
          }
        };
    CachingTaxRules rules =
        new CachingTaxRules(counting, new CaffeineCache(100), Duration.ofMinutes(1));

    rules.assign(STORE, germany("0.19"));
    assertThat(rules.jurisdictionOf(STORE)).contains(germany("0.19"));
    assertThat(rules.jurisdictionOf(STORE)).contains(germany("0.19"));
    assertThat(reads).hasValue(1);

    rules.assign(STORE, germany("0.16")); // a rate change is charged at once in this process
    assertThat(rules.jurisdictionOf(STORE)).contains(germany("0.16"));
    assertThat(reads).hasValue(2);

    assertThat(rules.jurisdictionOf(StoreId.of("none"))).isEmpty(); // a miss is not cached
    assertThat(rules.jurisdictionOf(StoreId.of("none"))).isEmpty();
    assertThat(reads).hasValue(4);
  }
}

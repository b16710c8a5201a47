package io.vruksha.retail.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;
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

  /**
   * Levies, thresholds, rates on top and the inclusive split come back as they were stored, and the
   * German deposit example computes the same from the jurisdiction read back: six bottles at 0.69
   * including 19% VAT (4.14: net 3.478… rounds to 3.48, VAT 0.66) plus 6 × 0.25 deposit (1.50: net
   * 1.2605 → 1.26, VAT 0.24) = 5.64, VAT 0.90 — the same under ROUND_NET as under ROUND_TAXES.
   */
  @Test
  void levyThresholdRateOnTopAndInclusiveSplitComeBackAndComputeTheSame() {
    TaxRules rules = newRules();
    TaxCategory drinks = TaxCategory.of("drinks");
    TaxCategory clothing = TaxCategory.of("clothing");
    TaxCategory outside = TaxCategory.of("outside");
    TaxCategory fuel = TaxCategory.of("fuel");
    Money pfand = Money.of("0.25", "EUR");
    TaxJurisdiction de =
        TaxJurisdiction.builder("DE", "Germany")
            .pricesIncludeTax(true)
            .inclusiveSplit(InclusiveSplit.ROUND_NET)
            .rule(
                TaxRule.standard(drinks, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                    .withLevy(TaxLevy.perUnitOnTop("PFAND025", "Pfand", pfand, drinks)))
            .rule(
                TaxRule.standard(fuel, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                    .withLevy(
                        new TaxLevy(
                            "EXC",
                            "Excise per litre",
                            Money.of("0.10", "EUR"),
                            UnitOfMeasure.LITRE,
                            outside,
                            TaxInclusion.AS_PRICED)))
            .rule(
                TaxRule.standard(
                    clothing,
                    TaxRate.of("DE19", "MwSt 19%", "0.19")
                        .onlyWhen(TaxThreshold.atOrAbove("110.00")),
                    TaxRate.of("S2", "Surcharge 2%", "0.02").onTop()))
            .rule(TaxRule.exempt(outside))
            .build();
    rules.assign(StoreId.of("berlin"), de);

    TaxJurisdiction back = rules.jurisdictionOf(StoreId.of("berlin")).orElseThrow();
    assertThat(back).isEqualTo(de);
    assertThat(back.inclusiveSplit()).isEqualTo(InclusiveSplit.ROUND_NET);
    TaxResult r =
        new TaxCalculator()
            .calculate(
                back,
                List.of(new TaxLine(0, drinks, Money.of("4.14", "EUR"), true, Quantity.each(6))),
                Optional.empty());
    assertThat(r.gross()).isEqualTo(Money.of("5.64", "EUR"));
    assertThat(r.tax()).isEqualTo(Money.of("0.90", "EUR"));
    assertThat(r.lines().get(0).levies().get(0).tax()).isEqualTo(Money.of("0.24", "EUR"));
  }
}

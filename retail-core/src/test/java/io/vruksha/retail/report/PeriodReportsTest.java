package io.vruksha.retail.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLevy;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeriodReportsTest {

  // 10:00 UTC is 11:00 in Berlin, the demo store's zone: the 25th
  private static final Instant NOON = Instant.parse("2026-11-25T10:00:00Z");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  private final RetailEngine engine =
      DemoStore.engineBuilder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();

  @BeforeEach
  void seed() {
    DemoStore.seed(engine);
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private Sale sell(String key, Instant at, String... skus) {
    BasketRequest.Builder basket = BasketRequest.builder(DemoStore.ID).at(at);
    for (String sku : skus) {
      basket.add(sku, 1);
    }
    return engine.checkout(
        CheckoutRequest.of(key, basket.build(), new Tender.Cash(eur("100.00"))),
        Actor.cashier("anna"));
  }

  @Test
  void aReturnIsTakenOffTheRateOfTheLineItReturns() {
    // a T-shirt 19.99 at 19% (tax 19.99 x 19/119 = 3.19, base 16.80) and a coffee 6.49 at 7%
    // (tax 6.49 x 7/107 = 0.42, base 6.07); the coffee comes back
    Sale sale = sell("k-1", NOON, "TEE-M", "COFFEE");
    engine.acceptReturn(
        ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(1, BigDecimal.ONE, true))
            .at(NOON),
        Actor.supervisor("sam"));

    TaxSummary summary = engine.reports().taxSummary(DemoStore.ID, DAY, DAY);

    assertThat(summary.rates())
        .extracting(
            r ->
                r.rateCode()
                    + " "
                    + r.salesBase().amount()
                    + " "
                    + r.salesTax().amount()
                    + " "
                    + r.returnsBase().amount()
                    + " "
                    + r.returnsTax().amount()
                    + " "
                    + r.netTax().amount())
        .containsExactly("DE19 16.80 3.19 0.00 0.00 3.19", "DE7 6.07 0.42 6.07 0.42 0.00");
    assertThat(summary.salesTax()).isEqualTo(eur("3.61"));
    assertThat(summary.returnsTax()).isEqualTo(eur("0.42"));
    assertThat(summary.netTax()).isEqualTo(eur("3.19"));
    assertThat(summary.salesBase()).isEqualTo(eur("22.87"));
    assertThat(summary.returnsBase()).isEqualTo(eur("6.07"));
  }

  @Test
  void aReturnedLevyOutsideTheTaxIsTakenOffTheExemptTurnoverNotTheGoodsRate() {
    // illustration: the coffee carries a 0.15 deposit outside the tax (an exempt category)
    engine
        .taxRules()
        .assign(
            DemoStore.ID,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(TaxRule.standard(DemoStore.STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19")))
                .rule(
                    TaxRule.standard(DemoStore.REDUCED, TaxRate.of("DE7", "MwSt 7%", "0.07"))
                        .withLevy(
                            TaxLevy.perUnitOnTop(
                                "DEP", "Deposit", eur("0.15"), TaxCategory.of("outside"))))
                .rule(TaxRule.exempt(TaxCategory.of("outside")))
                .build());
    // T-shirt 19.99 (base 16.80, tax 3.19); coffee 6.49 (base 6.07, tax 0.42) + deposit 0.15
    Sale sale = sell("k-1", NOON, "TEE-M", "COFFEE");
    assertThat(sale.total()).isEqualTo(eur("26.63"));
    // the coffee comes back: 6.64 refunded, tax 0.42, base 6.22 = 6.07 at 7% + 0.15 exempt
    engine.acceptReturn(
        ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(1, BigDecimal.ONE, true))
            .at(NOON),
        Actor.supervisor("sam"));

    TaxSummary summary = engine.reports().taxSummary(DemoStore.ID, DAY, DAY);

    assertThat(summary.rates())
        .extracting(
            r ->
                r.rateCode()
                    + " "
                    + r.salesBase().amount()
                    + " "
                    + r.salesTax().amount()
                    + " "
                    + r.returnsBase().amount()
                    + " "
                    + r.returnsTax().amount())
        .containsExactly(
            "DE19 16.80 3.19 0.00 0.00", "DE7 6.07 0.42 6.07 0.42", "EXEMPT 0.15 0.00 0.15 0.00");
  }

  @Test
  void eachLevyIsALineOfItsOwnWithItsUnitsNetTaxAndGross() {
    // the German single-use deposit, 0.25 a bottle "einschließlich Umsatzsteuer" (VerpackG §31),
    // taxed like the drink it is charged on (here the 19% goods stand in for the drink); and
    // illustration: a 0.15 deposit outside the tax on the 7% goods
    engine
        .taxRules()
        .assign(
            DemoStore.ID,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(
                    TaxRule.standard(DemoStore.STANDARD, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                        .withLevy(
                            TaxLevy.perUnitOnTop(
                                "PFAND025", "Pfand", eur("0.25"), DemoStore.STANDARD)))
                .rule(
                    TaxRule.standard(DemoStore.REDUCED, TaxRate.of("DE7", "MwSt 7%", "0.07"))
                        .withLevy(
                            TaxLevy.perUnitOnTop(
                                "DEP", "Deposit", eur("0.15"), TaxCategory.of("outside"))))
                .rule(TaxRule.exempt(TaxCategory.of("outside")))
                .build());
    sell("k-1", NOON, "TEE-M", "COFFEE");
    sell("k-2", NOON, "TEE-M", "TEE-M");

    TaxSummary summary = engine.reports().taxSummary(DemoStore.ID, DAY, DAY);

    // Pfand on 1 + 2 units, each line on its own: 0.25 (tax 0.25 x 19/119 = 0.0399 -> 0.04, net
    // 0.21) and 0.25 + 0.25 = 0.50 (tax 0.0798 -> 0.08, net 0.42): 3 units, 0.63 + 0.12 = 0.75
    // the other deposit: 1 unit, 0.15 with no tax
    assertThat(summary.levies())
        .extracting(
            l ->
                String.join(
                    " ",
                    l.code(),
                    l.name(),
                    l.units().toPlainString(),
                    l.net().amount().toPlainString(),
                    l.tax().amount().toPlainString(),
                    l.gross().amount().toPlainString()))
        .containsExactly("DEP Deposit 1 0.15 0.00 0.15", "PFAND025 Pfand 3 0.63 0.12 0.75");
    // 19%: T-shirts 19.99 (base 16.80, tax 3.19) and 2 x 19.99 = 39.98 (tax 39.98 x 19/119 =
    //      6.38, base 33.60), and the Pfand's 0.63 and 0.12: base 51.03, tax 9.69
    // 7%:  the coffee 6.49 (base 6.07, tax 0.42); exempt: the 0.15 deposit
    assertThat(summary.rates())
        .extracting(r -> r.rateCode() + " " + r.salesBase().amount() + " " + r.salesTax().amount())
        .containsExactly("DE19 51.03 9.69", "DE7 6.07 0.42", "EXEMPT 0.15 0.00");
    // the documents' own totals: 3.19 + 0.04 + 0.42 and 6.38 + 0.08
    assertThat(summary.salesTax()).isEqualTo(eur("10.11"));
  }

  @Test
  void aReturnInTheRangeOfASaleBeforeItCountsOnTheDayOfTheReturn() {
    Sale before = sell("k-0", NOON.minusSeconds(86_400), "COFFEE");
    engine.acceptReturn(
        ReturnRequest.of("r-0", before.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
            .at(NOON),
        Actor.supervisor("sam"));

    TaxSummary day = engine.reports().taxSummary(DemoStore.ID, DAY, DAY);
    TaxSummary dayBefore =
        engine.reports().taxSummary(DemoStore.ID, DAY.minusDays(1), DAY.minusDays(1));

    // the day has no sale but the coffee's return, on its 7% rate
    assertThat(day.rates())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rateCode()).isEqualTo("DE7");
              assertThat(r.salesTax()).isEqualTo(eur("0.00"));
              assertThat(r.returnsTax()).isEqualTo(eur("0.42"));
            });
    assertThat(day.netTax()).isEqualTo(eur("-0.42"));
    assertThat(dayBefore.salesTax()).isEqualTo(eur("0.42"));
    assertThat(dayBefore.returnsTax()).isEqualTo(eur("0.00"));
  }

  @Test
  void aRangeEndingBeforeItStartsIsRefusedAndAnUnknownStoreIsNotFound() {
    assertThatThrownBy(() -> engine.reports().taxSummary(DemoStore.ID, DAY, DAY.minusDays(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("to (2026-11-24) is before from (2026-11-25)");
    assertThatThrownBy(() -> engine.reports().dailySales(StoreId.of("nowhere"), DAY, DAY))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no store nowhere")
        .extracting(e -> ((NotFoundException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void anEmptyRangeHasZeroTotalsInTheStoresCurrency() {
    assertThat(engine.reports().dailySales(DemoStore.ID, DAY, DAY).total().gross().rounded())
        .isEqualTo(eur("0.00"));
    assertThat(engine.reports().productPerformance(DemoStore.ID, DAY, DAY).products()).isEmpty();
    assertThat(engine.reports().taxSummary(DemoStore.ID, DAY, DAY).netTax()).isEqualTo(eur("0.00"));
  }
}

package io.vruksha.retail.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.LevyTax;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLevy;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * A deposit and a Swiss 0.05 total, sold through the whole engine: the store, its tax rules and the
 * sale are written to and read back from each adapter. Every adapter's engine passes it.
 */
public abstract class TaxScenariosContract {

  /** A new engine over empty adapters for each test. */
  protected abstract RetailEngine newEngine();

  private static final TaxCategory DRINKS = TaxCategory.of("drinks");
  private static final TaxCategory FOOD = TaxCategory.of("food");
  private static final TaxCategory STANDARD = TaxCategory.of("standard");

  private static void product(
      RetailEngine engine,
      StoreId store,
      String sku,
      TaxCategory tax,
      UnitOfMeasure unit,
      String price) {
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of(sku.toLowerCase()))
                .name(sku)
                .category(CategoryId.of("grocery"))
                .taxCategory(tax)
                .variant(Sku.of(sku), sku, unit)
                .build());
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail-" + store.value()),
            Sku.of(sku),
            new UnitPrice(
                new BigDecimal(price), engine.stores().find(store).orElseThrow().currency()),
            Instant.parse("2026-01-01T00:00:00Z"),
            "setup");
    engine.stock().receive(StockKey.floor(store, Sku.of(sku)), new BigDecimal("100"), "opening");
  }

  private static void store(RetailEngine engine, StoreId id, String currency, CashRounding r) {
    Currency c = Currency.getInstance(currency);
    engine.stores().save(new Store(id, id.value(), c, ZoneId.of("Europe/Berlin"), r));
    engine
        .priceBook()
        .saveList(PriceList.standard(PriceListId.of("retail-" + id.value()), "Retail", c, true));
  }

  /**
   * Germany: six bottles at 0.69 including 19% VAT plus the single-use deposit of 0.25 per bottle
   * including VAT (VerpackG §31(1)), taxed at the drink's rate (UStAE 10.1 Abs. 8).
   */
  @Test
  void aSixPackWithItsDepositIsSoldAndReadBackWithTheDepositLine() {
    RetailEngine engine = newEngine();
    StoreId berlin = StoreId.of("berlin");
    store(engine, berlin, "EUR", CashRounding.NONE);
    engine
        .taxRules()
        .assign(
            berlin,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(
                    TaxRule.standard(DRINKS, TaxRate.of("DE19", "MwSt 19%", "0.19"))
                        .withLevy(
                            TaxLevy.perUnitOnTop(
                                "PFAND025", "Pfand", Money.of("0.25", "EUR"), DRINKS)))
                .build());
    product(engine, berlin, "COLA-033", DRINKS, UnitOfMeasure.EACH, "0.69");

    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "till-1:0001",
                BasketRequest.builder(berlin).add("COLA-033", 6).build(),
                new Tender.Card(Money.of("5.64", "EUR"), "card-1")),
            Actor.cashier("anna"));

    Sale back = engine.sales().find(sale.id()).orElseThrow();
    // 6 × 0.69 = 4.14 (VAT 0.66) + 6 × 0.25 = 1.50 deposit (VAT 0.24) = 5.64, VAT 0.90
    assertThat(back.total()).isEqualTo(Money.of("5.64", "EUR"));
    assertThat(back.basket().tax()).isEqualTo(Money.of("0.90", "EUR"));
    assertThat(back.basket().line(0).amount()).isEqualTo(Money.of("4.14", "EUR"));
    assertThat(back.basket().line(0).total()).isEqualTo(Money.of("5.64", "EUR"));
    assertThat(back.basket().line(0).tax().levies())
        .extracting(LevyTax::code, LevyTax::charged, LevyTax::net, LevyTax::tax)
        .containsExactly(
            tuple(
                "PFAND025",
                Money.of("1.50", "EUR"),
                Money.of("1.26", "EUR"),
                Money.of("0.24", "EUR")));
    assertThat(back.basket().taxBreakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(tuple("DE19", Money.of("4.74", "EUR"), Money.of("0.90", "EUR")));
    assertThat(engine.taxRules().jurisdictionOf(berlin).orElseThrow().rule(DRINKS).orElseThrow())
        .extracting(r -> r.levies().get(0).amount())
        .isEqualTo(Money.of("0.25", "EUR"));
  }

  /**
   * Switzerland: VAT 8.1% standard and 2.6% on food (MWSTG Art. 25 from 2024); the smallest coin is
   * 5 centimes (Swissmint), and this store rounds every total to 0.05, card payments too.
   */
  @Test
  void aSwissTotalIsRoundedTo5CentimesOnACardTooAndTheTaxStaysExact() {
    RetailEngine engine = newEngine();
    StoreId zurich = StoreId.of("zurich");
    store(engine, zurich, "CHF", CashRounding.everyTenderTo("0.05"));
    engine
        .taxRules()
        .assign(
            zurich,
            TaxJurisdiction.builder("CH", "Switzerland")
                .pricesIncludeTax(true)
                .rule(TaxRule.standard(STANDARD, TaxRate.of("CH81", "MWST 8.1%", "0.081")))
                .rule(TaxRule.standard(FOOD, TaxRate.of("CH26", "MWST 2.6%", "0.026")))
                .build());
    product(engine, zurich, "GRUYERE", FOOD, UnitOfMeasure.KILOGRAM, "24.90");
    product(engine, zurich, "BREAD", FOOD, UnitOfMeasure.EACH, "4.20");
    product(engine, zurich, "SOAP", STANDARD, UnitOfMeasure.EACH, "3.95");
    BasketRequest basket =
        BasketRequest.builder(zurich)
            .add("GRUYERE", Quantity.kilograms("0.347"))
            .add("BREAD", 1)
            .add("SOAP", 1)
            .build();

    PricedBasket priced = engine.priceBasket(basket, Actor.cashier("anna"));
    // 0.347 kg × 24.90 = 8.6403 -> 8.64; + 4.20 + 3.95 = 16.79, rounded to 0.05: 16.80
    assertThat(priced.total()).isEqualTo(Money.of("16.80", "CHF"));
    assertThat(priced.totalRounding()).isEqualTo(Money.of("0.01", "CHF"));
    // VAT stays exact: 8.64 × 2.6/102.6 = 0.2189 -> 0.22; 4.20 -> 0.1064 -> 0.11;
    // 3.95 × 8.1/108.1 = 0.2960 -> 0.30; bases 8.42 + 4.09 = 12.51 and 3.65
    assertThat(priced.taxBreakdown())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactly(
            tuple("CH81", Money.of("3.65", "CHF"), Money.of("0.30", "CHF")),
            tuple("CH26", Money.of("12.51", "CHF"), Money.of("0.33", "CHF")));
    // net 16.16 + tax 0.63 + rounding 0.01 = 16.80
    assertThat(priced.net().plus(priced.tax()).plus(priced.totalRounding()))
        .isEqualTo(priced.total());

    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "till-1:0001", basket, new Tender.Card(Money.of("16.79", "CHF"), "c")),
                    Actor.cashier("anna")))
        .isInstanceOf(RetailException.class)
        .extracting(e -> ((RetailException) e).code())
        .isEqualTo(ErrorCode.TENDER_INSUFFICIENT);
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "till-1:0002", basket, new Tender.Card(Money.of("16.80", "CHF"), "c")),
            Actor.cashier("anna"));
    Sale back = engine.sales().find(sale.id()).orElseThrow();
    assertThat(back.total()).isEqualTo(Money.of("16.80", "CHF"));
    assertThat(back.basket().totalRounding()).isEqualTo(Money.of("0.01", "CHF"));
    assertThat(back.basket().tax()).isEqualTo(Money.of("0.63", "CHF"));
    assertThat(engine.stores().find(zurich).orElseThrow().cashRounding().scope())
        .isEqualTo(CashRounding.Scope.EVERY_TENDER);
  }
}

package io.vruksha.retail.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
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
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRate;
import io.vruksha.retail.tax.TaxRule;
import io.vruksha.retail.tax.TaxTreatment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedding example of README.md, line for line, so the README cannot drift from the code. */
class ReadmeExampleTest {

  @Test
  void theReadmeExamplePricesTwoShirts() {
    Currency EUR = Currency.getInstance("EUR");
    // --- README ---
    RetailEngine engine = RetailEngine.builder().build(); // in-memory adapters
    StoreId demo = StoreId.of("demo");
    engine
        .stores()
        .save(new Store(demo, "Demo", EUR, ZoneId.of("Europe/Berlin"), CashRounding.NONE));
    engine
        .taxRules()
        .assign(
            demo,
            TaxJurisdiction.builder("DE", "Germany")
                .pricesIncludeTax(true)
                .rule(
                    new TaxRule(
                        TaxCategory.of("standard"),
                        TaxTreatment.STANDARD,
                        List.of(new TaxRate("DE19", "VAT 19%", new BigDecimal("0.19"), false))))
                .build());
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of("tee"))
                .name("T-shirt")
                .category(CategoryId.of("apparel"))
                .taxCategory(TaxCategory.of("standard"))
                .variant(Sku.of("TEE-M"), "T-shirt M", UnitOfMeasure.EACH, "4006381333931")
                .build());
    engine.priceBook().saveList(PriceList.standard(PriceListId.of("retail"), "Retail", EUR, true));
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail"),
            Sku.of("TEE-M"),
            UnitPrice.of("19.99", "EUR"),
            Instant.now(),
            "setup");

    PricedBasket basket =
        engine.priceBasket(
            BasketRequest.builder(demo).add("4006381333931", 2).build(), Actor.cashier("anna"));
    // --- end of README ---

    // 2 x 19.99 = 39.98 gross; VAT 39.98 x 19/119 = 6.3834 -> 6.38
    assertThat(basket.total()).isEqualTo(Money.of("39.98", "EUR"));
    assertThat(basket.tax()).isEqualTo(Money.of("6.38", "EUR"));

    engine.stock().receive(StockKey.floor(demo, Sku.of("TEE-M")), BigDecimal.TEN, "opening stock");
    // --- README ---
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "till-1:0001",
                BasketRequest.builder(demo).add("TEE-M", 2).build(),
                new Tender.Cash(Money.of("50.00", "EUR"))),
            Actor.cashier("anna"));
    // --- end of README ---
    assertThat(sale.number()).startsWith("S001-").endsWith("-000001");
    assertThat(sale.change()).isEqualTo(Money.of("10.02", "EUR")); // 50.00 - 39.98
  }
}

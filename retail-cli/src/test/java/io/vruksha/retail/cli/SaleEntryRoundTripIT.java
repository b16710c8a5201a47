package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Sales whose journal content is rebuilt from the sale's row read back exactly as it was hashed,
 * whatever the world sends: instants with nanoseconds, prices with four decimals, weighed
 * quantities with three, SKUs with every character a SKU may hold, Unicode names and card
 * references. Each sale's journal entry is stored without its content, and its invoice and payments
 * are read from the sale.
 */
class SaleEntryRoundTripIT {

  private static final Instant EPOCH = Instant.parse("2026-11-24T11:00:00Z");

  /** SKU, name, unit, price: odd but valid. */
  private static final List<String[]> PRODUCTS =
      List.of(
          new String[] {"a.b_c:d/e-1", "Käse – 茶 🍵", "KILOGRAM", "12.3456"},
          new String[] {"Z9", "Ölflasche «extra»", "EACH", "0.0049"},
          new String[] {"x-Y.z/0", "Ψωμί ☕", "EACH", "1.2345"},
          new String[] {"W", "نعناع", "KILOGRAM", "7.0001"});

  private static RetailEngine engine;
  private static PostgresDatabase db;

  private static synchronized RetailEngine engine() {
    if (engine == null) {
      db = TestDatabase.fresh();
      engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
      DemoStore.seed(engine);
      int n = 0;
      for (String[] p : PRODUCTS) {
        engine
            .catalog()
            .save(
                Product.builder(ProductId.of("odd-" + n++))
                    .name(p[1])
                    .category(CategoryId.of("food"))
                    .taxCategory(DemoStore.REDUCED)
                    .variant(Variant.of(Sku.of(p[0]), p[1], UnitOfMeasure.valueOf(p[2])))
                    .build());
        engine
            .priceBook()
            .setPrice(
                PriceListId.of("retail"),
                Sku.of(p[0]),
                UnitPrice.of(p[3], "EUR"),
                Instant.parse("2026-01-01T00:00:00Z"),
                "demo");
        engine
            .stock()
            .receive(StockKey.floor(DemoStore.ID, Sku.of(p[0])), new BigDecimal("100000"), "test");
      }
    }
    return engine;
  }

  record Line(int product, String quantity) {}

  @Provide
  Arbitrary<Line> line() {
    Arbitrary<Integer> product = Arbitraries.integers().between(0, PRODUCTS.size() - 1);
    return product.flatMap(
        p ->
            UnitOfMeasure.valueOf(PRODUCTS.get(p)[2]) == UnitOfMeasure.KILOGRAM
                ? Arbitraries.integers()
                    .between(1, 25_000)
                    .map(g -> new Line(p, BigDecimal.valueOf(g, 3).toPlainString()))
                : Arbitraries.integers().between(1, 40).map(q -> new Line(p, q.toString())));
  }

  @Provide
  Arbitrary<String> reference() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('一', '龥').ofMinLength(1).ofMaxLength(4),
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12))
        .as((a, b) -> "réf-" + a + "-" + b);
  }

  @Property(tries = 40)
  void aSalesJournalEntryIsRebuiltExactlyFromTheSale(
      @ForAll @Size(min = 1, max = 6) List<@From("line") Line> lines,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 86_399) int seconds,
      @ForAll("reference") String reference,
      @ForAll boolean byCard) {
    sellAndRebuild(lines, EPOCH.plusSeconds(seconds).plusNanos(nanos), reference, byCard);
  }

  /**
   * The demo store's clocks in Europe/Berlin jump: 02:00 local did not happen on 29 March 2026,
   * 02:00 to 03:00 happened twice on 25 October 2026, and the year changes at 23:00 UTC. Sales in
   * the two hours either side of each, with nanoseconds, rebuild their entries exactly.
   */
  @Property(tries = 30)
  void aSaleOnANightTheClocksChangeIsRebuiltExactly(
      @ForAll @Size(min = 1, max = 4) List<@From("line") Line> lines,
      @ForAll("clockChange") Instant change,
      @ForAll @IntRange(min = -7_200, max = 7_199) int seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll("reference") String reference,
      @ForAll boolean byCard) {
    sellAndRebuild(lines, change.plusSeconds(seconds).plusNanos(nanos), reference, byCard);
  }

  @Provide
  Arbitrary<Instant> clockChange() {
    return Arbitraries.of(
        Instant.parse("2026-03-29T01:00:00Z"),
        Instant.parse("2026-10-25T01:00:00Z"),
        Instant.parse("2026-12-31T23:00:00Z"));
  }

  private static void sellAndRebuild(
      List<Line> lines, Instant at, String reference, boolean byCard) {
    RetailEngine e = engine();
    BasketRequest.Builder basket = BasketRequest.builder(DemoStore.ID).at(at);
    for (Line l : lines) {
      String[] p = PRODUCTS.get(l.product());
      basket.add(p[0], Quantity.of(l.quantity(), UnitOfMeasure.valueOf(p[2])));
    }
    BasketRequest request = basket.build();
    Money total = e.priceBasket(request, Actor.cashier("anna")).total();
    if (!total.isPositive()) {
      return; // nothing to pay: no tender to test
    }
    Tender tender =
        byCard
            ? new Tender.Card(total, reference)
            : new Tender.Cash(total.plus(Money.of("50.00", "EUR")));
    Sale sale =
        e.checkout(
            CheckoutRequest.of(UUID.randomUUID().toString(), request, tender),
            Actor.cashier("anna"));

    List<FiscalDocument> entries = e.journal().entries(DemoStore.ID);
    FiscalDocument entry = entries.get(entries.size() - 1);
    assertThat(entry.hash()).isEqualTo(sale.journalHash());
    assertThat(e.journal().verify(DemoStore.ID)).isEmpty();
    boolean referred =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT content IS NULL FROM fiscal_journal WHERE store_id = 'demo'"
                                + " AND number = :n")
                        .bind("n", sale.number())
                        .mapTo(Boolean.class)
                        .one());
    assertThat(referred).isTrue();
    assertThat(e.sales().find(sale.id())).contains(sale);
    assertThat(e.billing().invoices().find(DemoStore.ID, sale.number()))
        .contains(Checkout.paidInvoice(sale));
    List<String> payments =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT method || '|' || amount::numeric(19,2) || '|' || reference"
                                + " FROM payments WHERE store_id = 'demo' AND invoice_number = :n"
                                + " ORDER BY line")
                        .bind("n", sale.number())
                        .mapTo(String.class)
                        .list());
    assertThat(payments)
        .containsExactlyElementsOf(
            sale.tenders().stream()
                .map(t -> t.kind() + "|" + t.amount().amount() + "|" + t.reference())
                .toList());
  }
}

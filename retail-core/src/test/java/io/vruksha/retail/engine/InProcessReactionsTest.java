package io.vruksha.retail.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.memory.InMemoryHandledEvents;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemorySalesAnalytics;
import io.vruksha.retail.memory.InMemoryStores;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.report.DailySalesReport;
import io.vruksha.retail.report.ProductPerformanceReport;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine built by {@code RetailEngine.builder()} runs its reactions in process: no NATS, no
 * outbox pump in the embedding program, and the reports and reorder drafts follow the sales.
 */
class InProcessReactionsTest {

  private static final Instant NOON = Instant.parse("2026-11-25T11:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-11-25"); // 12:00 in Berlin
  private static final Clock CLOCK = Clock.fixed(NOON, ZoneOffset.UTC);

  private static Sale sell(RetailEngine engine, String key, String sku, int units) {
    return engine.checkout(
        CheckoutRequest.of(
            key,
            BasketRequest.builder(DemoStore.ID).add(sku, units).build(),
            new Tender.Cash(Money.of("1000.00", "EUR"))),
        Actor.cashier("anna"));
  }

  private static DailySales theDay(RetailEngine engine) {
    return engine.reports().dailySales(DemoStore.ID, DAY, DAY).total();
  }

  @Test
  void anEmbeddedEngineSellsAndItsReportsAndReorderDraftsFollowWithNoExtraCode() {
    RetailEngine engine = DemoStore.engineBuilder().clock(CLOCK).build();
    DemoStore.seed(engine);
    engine
        .purchasing()
        .procurement()
        .saveSupplier(
            new Supplier(
                "kiln",
                "Kiln & Co",
                Map.of(Sku.of("MUG"), new Supplier.Item(Money.of("1.70", "EUR"), 5))));

    // 41 of the demo's 50 mugs leave 9, below its reorder point of 10: low stock
    Sale first = sell(engine, "till-1:0001", "MUG", 41);
    Sale second = sell(engine, "till-1:0002", "COFFEE", 2);

    DailySalesReport daily = engine.reports().dailySales(DemoStore.ID, DAY, DAY);
    assertThat(daily.total().sales()).isEqualTo(2);
    assertThat(daily.total().gross().rounded()).isEqualTo(first.total().plus(second.total()));
    ProductPerformanceReport products = engine.reports().productPerformance(DemoStore.ID, DAY, DAY);
    assertThat(products.products())
        .filteredOn(p -> p.sku().equals("MUG"))
        .singleElement()
        .satisfies(p -> assertThat(p.units()).isEqualByComparingTo("41"));
    List<PurchaseOrder> drafts = engine.purchasing().procurement().orders(DemoStore.ID);
    assertThat(drafts)
        .filteredOn(o -> o.supplierId().equals("kiln"))
        .as("the low mugs drafted an order with their supplier")
        .hasSize(1);
    assertThat(engine.pendingEvents()).isZero();
    assertThat(engine.reactsInProcess()).isTrue();
  }

  @Test
  void turnedOffTheEventsWaitInTheOutboxForSomeoneElse() {
    RetailEngine engine = DemoStore.engineBuilder().clock(CLOCK).reactInProcess(false).build();
    DemoStore.seed(engine);
    sell(engine, "till-1:0001", "MUG", 1);

    assertThat(engine.reactsInProcess()).isFalse();
    assertThat(theDay(engine).sales()).isZero();
    assertThat(engine.pendingEvents()).isPositive();
  }

  /** Adds a sale, then fails, the first {@code failures} times: the effect must be undone. */
  private static final class FailingAfterTheEffect implements SalesAnalytics {
    private final InMemorySalesAnalytics inner = new InMemorySalesAnalytics();
    private final AtomicInteger failuresLeft;

    FailingAfterTheEffect(int failures) {
      this.failuresLeft = new AtomicInteger(failures);
    }

    private void maybeFail() {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("the analytics store hiccuped");
      }
    }

    @Override
    public void addSale(LocalDate day, DomainEvent.SaleCompleted sale) {
      inner.addSale(day, sale);
      maybeFail();
    }

    @Override
    public void addSales(List<DatedSale> sales) {
      inner.addSales(sales);
      maybeFail();
    }

    @Override
    public void addReturn(LocalDate day, DomainEvent.ReturnCompleted done) {
      inner.addReturn(day, done);
    }

    @Override
    public List<DailySales> daily(StoreId store, LocalDate from, LocalDate to) {
      return inner.daily(store, from, to);
    }

    @Override
    public List<ProductPerformance> products(StoreId store, LocalDate from, LocalDate to) {
      return inner.products(store, from, to);
    }
  }

  @Test
  void aFailingReactionIsTriedAgainAfterTheNextUnitOfWorkAndCountsEachSaleOnce() {
    // the batch fails (1), then the sale alone (2): it waits in the outbox
    RetailEngine engine =
        DemoStore.engineBuilder().clock(CLOCK).analytics(new FailingAfterTheEffect(2)).build();
    DemoStore.seed(engine);

    Sale first = sell(engine, "till-1:0001", "MUG", 1); // the reaction fails, the sale stands
    assertThat(first.number()).isNotBlank();
    assertThat(theDay(engine).sales()).isZero();
    assertThat(engine.pendingEvents()).isEqualTo(1);

    Sale second = sell(engine, "till-1:0002", "MUG", 2); // its drain retries the first sale
    assertThat(engine.pendingEvents()).isZero();
    DailySales day = theDay(engine);
    assertThat(day.sales()).isEqualTo(2);
    assertThat(day.units()).isEqualByComparingTo("3"); // 1 + 2, the failed tries undone
    assertThat(day.gross().rounded()).isEqualTo(first.total().plus(second.total()));

    sell(engine, "till-1:0003", "COFFEE", 1);
    assertThat(theDay(engine).sales()).isEqualTo(3);
  }

  @Test
  void eventsLeftUnhandledByAStoppedEngineAreHandledWhenTheNextOneIsBuilt() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    InMemorySalesAnalytics analytics = new InMemorySalesAnalytics();
    InMemoryHandledEvents handled = new InMemoryHandledEvents();
    InMemoryStores stores = new InMemoryStores();
    RetailEngine before =
        DemoStore.engineBuilder()
            .clock(CLOCK)
            .outbox(outbox)
            .analytics(analytics)
            .handledEvents(handled)
            .stores(stores)
            .reactInProcess(false) // as if it stopped before reacting
            .build();
    DemoStore.seed(before);
    Sale sale = sell(before, "till-1:0001", "MUG", 1);
    assertThat(analytics.daily(DemoStore.ID, DAY, DAY)).isEmpty();

    RetailEngine after =
        DemoStore.engineBuilder()
            .clock(CLOCK)
            .outbox(outbox)
            .analytics(analytics)
            .handledEvents(handled)
            .stores(stores)
            .build();

    assertThat(after.pendingEvents()).isZero();
    DailySales day = theDay(after);
    assertThat(day.sales()).isEqualTo(1);
    assertThat(day.gross().rounded()).isEqualTo(sale.total());
  }

  @Test
  void onlyTheEnabledReactionsRun() {
    RetailEngine engine =
        DemoStore.engineBuilder().clock(CLOCK).reactions(Set.of(Reaction.REORDER)).build();
    DemoStore.seed(engine);
    sell(engine, "till-1:0001", "MUG", 1);

    assertThat(theDay(engine).sales()).isZero();
    assertThat(engine.pendingEvents()).isZero();
  }
}

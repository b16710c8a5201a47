package io.vruksha.retail.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLevel;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of till operations — sales (some with points), returns, transfers and counts —
 * after each of which the engine's invariants must hold: every ledger sums to its on-hand, every
 * sale's tenders equal its total plus change (and cash rounding), no customer's points go negative,
 * and the journal verifies. A refused operation (out of stock, nothing left to return) changes
 * nothing and the invariants still hold.
 */
class TillOperationsPropertiesTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private static final List<String> SKUS = List.of("TEE-M", "MUG", "COFFEE", "CAKE");

  sealed interface Op permits SellOp, ReturnOp, TransferOp, CountOp {}

  record SellOp(String sku, int quantity, boolean customer, int points) implements Op {}

  record ReturnOp(int saleIndex, boolean restock) implements Op {}

  record TransferOp(String sku, int quantity) implements Op {}

  record CountOp(String sku, int counted) implements Op {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<String> sku = Arbitraries.of(SKUS);
    Arbitrary<Op> sell =
        Combinators.combine(
                sku,
                Arbitraries.integers().between(1, 8),
                Arbitraries.of(true, false),
                Arbitraries.of(0, 0, 100, 150))
            .as(SellOp::new);
    Arbitrary<Op> ret =
        Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.of(true, false))
            .as(ReturnOp::new);
    Arbitrary<Op> transfer =
        Combinators.combine(sku, Arbitraries.integers().between(1, 5)).as(TransferOp::new);
    Arbitrary<Op> count =
        Combinators.combine(sku, Arbitraries.integers().between(0, 40)).as(CountOp::new);
    return Arbitraries.frequencyOf(
            Tuple.of(5, sell), Tuple.of(2, ret), Tuple.of(1, transfer), Tuple.of(1, count))
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }

  @Property(tries = 120)
  void invariantsHoldAfterEveryOperation(@ForAll("operations") List<Op> ops) {
    RetailEngine engine = DemoStore.inMemory();
    engine
        .loyalty()
        .orElseThrow()
        .ledger()
        .append(new LoyaltyEntry("c-1", LoyaltyEntry.Kind.EARN, 400, 0, "seed", NOON));
    List<Sale> sales = new ArrayList<>();
    int n = 0;
    for (Op op : ops) {
      n++;
      try {
        apply(engine, op, sales, n);
      } catch (RetailException refused) {
        // refused operations must leave the invariants intact, checked below
      }
      checkInvariants(engine, sales);
    }
  }

  private static void apply(RetailEngine engine, Op op, List<Sale> sales, int n) {
    Actor anna = Actor.supervisor("anna");
    if (op instanceof SellOp s) {
      BasketRequest.Builder b =
          BasketRequest.builder(DemoStore.ID).at(NOON).add(s.sku(), s.quantity());
      if (s.customer()) {
        b.shopper(Shopper.customer("c-1"));
      }
      List<Tender> tenders = new ArrayList<>();
      if (s.customer() && s.points() > 0) {
        tenders.add(new Tender.Points(s.points()));
      }
      tenders.add(new Tender.Cash(Money.of("500.00", "EUR")));
      sales.add(
          engine.checkout(
              new CheckoutRequest("op-" + n, b.build(), tenders, Optional.empty()), anna));
    } else if (op instanceof ReturnOp r && !sales.isEmpty()) {
      Sale sale = sales.get(r.saleIndex() % sales.size());
      engine.acceptReturn(
          ReturnRequest.of(
                  "ret-" + n, sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, r.restock()))
              .at(NOON),
          anna);
    } else if (op instanceof TransferOp t) {
      engine
          .stock()
          .transfer(
              StockKey.floor(DemoStore.ID, Sku.of(t.sku())),
              new StockKey(DemoStore.ID, LocationId.BACK_ROOM, Sku.of(t.sku())),
              BigDecimal.valueOf(t.quantity()),
              "t-" + n);
    } else if (op instanceof CountOp c) {
      engine
          .stock()
          .count(
              DemoStore.ID,
              LocationId.FLOOR,
              Map.of(Sku.of(c.sku()), BigDecimal.valueOf(c.counted())),
              "c-" + n);
    }
  }

  private static void checkInvariants(RetailEngine engine, List<Sale> sales) {
    for (StockLevel level : engine.stock().ledger().levels(DemoStore.ID)) {
      BigDecimal sum =
          engine.stock().ledger().movements(level.key()).stream()
              .map(StockMovement::change)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(sum).isEqualByComparingTo(level.onHand());
      assertThat(level.onHand().signum()).isGreaterThanOrEqualTo(0);
    }
    for (Sale s : sales) {
      assertThat(s.tendered()).isEqualTo(s.total().plus(s.change()).plus(s.cashRounding()));
    }
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isNotNegative();
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
  }
}

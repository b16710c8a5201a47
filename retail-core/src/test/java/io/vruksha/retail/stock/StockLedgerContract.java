package io.vruksha.retail.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link StockLedger} adapter must show. */
public abstract class StockLedgerContract {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private static final StockKey MUG = StockKey.floor(StoreId.of("s1"), Sku.of("MUG"));
  private StockLedger ledger;

  /** A new, empty ledger for each test. */
  protected abstract StockLedger newLedger();

  @BeforeEach
  void setUp() {
    ledger = newLedger();
  }

  private void move(StockKey key, String change, MovementReason reason) {
    ledger.move(key, new BigDecimal(change), reason, "ref", "", T0, false);
  }

  @Test
  void theLedgerSumsToOnHand() {
    move(MUG, "10", MovementReason.RECEIPT);
    move(MUG, "-3", MovementReason.SALE);
    move(MUG, "1", MovementReason.RETURN);
    assertThat(ledger.level(MUG).onHand()).isEqualByComparingTo("8");
    assertThat(
            ledger.movements(MUG).stream()
                .map(StockMovement::change)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("8");
    assertThat(ledger.movements(MUG))
        .extracting(StockMovement::reason)
        .containsExactly(MovementReason.RECEIPT, MovementReason.SALE, MovementReason.RETURN);
    assertThat(ledger.levels(StoreId.of("s1"))).hasSize(1);
  }

  private static StockLedger.Move sale(StockKey key, String quantity, boolean allowNegative) {
    return new StockLedger.Move(
        key,
        new BigDecimal(quantity).negate(),
        MovementReason.SALE,
        "sale-1",
        "",
        T0,
        allowNegative);
  }

  @Test
  void severalMovesAreBookedTogetherEachWithItsMovementInTheOrderGiven() {
    StockKey cup = StockKey.floor(StoreId.of("s1"), Sku.of("CUP"));
    StockKey tee = StockKey.floor(StoreId.of("s1"), Sku.of("TEE"));
    StockKey never = StockKey.floor(StoreId.of("s1"), Sku.of("ZINE")); // no level row yet
    move(cup, "5", MovementReason.RECEIPT);
    move(MUG, "4", MovementReason.RECEIPT);
    move(tee, "1", MovementReason.RECEIPT);

    List<StockMovement> booked =
        ledger.moveAll(
            List.of(
                sale(cup, "2", false),
                sale(MUG, "4", false),
                sale(tee, "1", false),
                sale(never, "3", true)));

    assertThat(booked)
        .extracting(m -> m.key().sku().value(), m -> m.change().toPlainString())
        .containsExactly(
            Tuple.tuple("CUP", "-2"),
            Tuple.tuple("MUG", "-4"),
            Tuple.tuple("TEE", "-1"),
            Tuple.tuple("ZINE", "-3"));
    assertThat(booked.get(0).sequence()).isLessThan(booked.get(1).sequence());
    assertThat(booked.get(1).sequence()).isLessThan(booked.get(2).sequence());
    assertThat(ledger.level(cup).onHand()).isEqualByComparingTo("3");
    assertThat(ledger.level(MUG).onHand()).isEqualByComparingTo("0");
    assertThat(ledger.level(tee).onHand()).isEqualByComparingTo("0");
    assertThat(ledger.level(never).onHand()).isEqualByComparingTo("-3");
    assertThat(ledger.movements(cup)).hasSize(2);
    assertThat(ledger.movements(never))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.reason()).isEqualTo(MovementReason.SALE);
              assertThat(m.reference()).isEqualTo("sale-1");
              assertThat(m.at()).isEqualTo(T0);
            });
    assertThat(ledger.availableToSell(cup).level().onHand()).isEqualByComparingTo("3");
  }

  @Test
  void aBatchWithAShortMoveIsRefusedNamingIt() {
    StockKey cup = StockKey.floor(StoreId.of("s1"), Sku.of("CUP"));
    move(cup, "5", MovementReason.RECEIPT);
    move(MUG, "2", MovementReason.RECEIPT);
    assertThatThrownBy(() -> ledger.moveAll(List.of(sale(cup, "1", false), sale(MUG, "3", false))))
        .isInstanceOf(RuleViolationException.class)
        .hasMessage("SKU MUG has 2 available at floor, 3 requested")
        .extracting(e -> ((RuleViolationException) e).code())
        .isEqualTo(ErrorCode.STOCK_INSUFFICIENT);
    assertThat(ledger.level(MUG).onHand()).isEqualByComparingTo("2");
    assertThat(ledger.movements(MUG)).hasSize(1);
  }

  @Test
  void stockNeverGoesBelowZeroUnlessAllowed() {
    move(MUG, "2", MovementReason.RECEIPT);
    assertThatThrownBy(() -> move(MUG, "-3", MovementReason.SALE))
        .isInstanceOf(RuleViolationException.class)
        .hasMessage("SKU MUG has 2 available at floor, 3 requested")
        .extracting(e -> ((RuleViolationException) e).code())
        .isEqualTo(ErrorCode.STOCK_INSUFFICIENT);
    assertThat(ledger.movements(MUG)).hasSize(1);
    ledger.move(MUG, new BigDecimal("-3"), MovementReason.SALE, "ref", "", T0, true);
    assertThat(ledger.level(MUG).onHand()).isEqualByComparingTo("-1");
    ledger.setAllowNegative(Sku.of("MUG"), true);
    assertThat(ledger.allowsNegative(Sku.of("MUG"))).isTrue();
  }

  @Test
  void reservationsReduceAvailableUntilReleasedOrExpired() {
    move(MUG, "5", MovementReason.RECEIPT);
    ledger.reserve("order-1", MUG, new BigDecimal("3"), T0.plusSeconds(600));
    assertThat(ledger.level(MUG).available()).isEqualByComparingTo("2");
    assertThatThrownBy(() -> move(MUG, "-3", MovementReason.SALE))
        .isInstanceOf(RuleViolationException.class);
    assertThatThrownBy(() -> ledger.reserve("order-2", MUG, new BigDecimal("3"), T0))
        .isInstanceOf(RuleViolationException.class);
    assertThat(ledger.expireReservations(T0.plusSeconds(599))).isZero();
    assertThat(ledger.expireReservations(T0.plusSeconds(600))).isEqualTo(1);
    assertThat(ledger.level(MUG).available()).isEqualByComparingTo("5");
    ledger.reserve("order-3", MUG, new BigDecimal("1"), T0.plusSeconds(60));
    ledger.release(MUG.store(), "order-3");
    ledger.release(MUG.store(), "unknown");
    assertThat(ledger.level(MUG).reserved()).isEqualByComparingTo("0");
  }

  /**
   * An order that changes a line re-reserves it under the same id: the units it already holds are
   * its own, so 8 of 10 held can become 9, and a refused change leaves the 9 held.
   */
  @Test
  void reReservingUnderTheSameIdCountsWhatItAlreadyHolds() {
    move(MUG, "10", MovementReason.RECEIPT);
    ledger.reserve("order-9", MUG, new BigDecimal("8"), T0.plusSeconds(600));

    ledger.reserve("order-9", MUG, new BigDecimal("9"), T0.plusSeconds(600));

    assertThat(ledger.level(MUG).reserved()).isEqualByComparingTo("9");
    assertThat(ledger.level(MUG).available()).isEqualByComparingTo("1");
    assertThatThrownBy(
            () -> ledger.reserve("order-9", MUG, new BigDecimal("11"), T0.plusSeconds(600)))
        .extracting(e -> ((RuleViolationException) e).code())
        .isEqualTo(ErrorCode.STOCK_INSUFFICIENT);
    assertThat(ledger.level(MUG).reserved()).isEqualByComparingTo("9");
    assertThatThrownBy(
            () -> ledger.reserve("order-10", MUG, new BigDecimal("2"), T0.plusSeconds(600)))
        .isInstanceOf(RuleViolationException.class);
    ledger.release(MUG.store(), "order-9");
    assertThat(ledger.level(MUG).reserved()).isEqualByComparingTo("0");
  }

  /** Weighed goods are reserved to the gram: 2.125 kg held of 2.75 can become 2.5. */
  @Test
  void reReservingAWeighedQuantityCountsTheGramsItHolds() {
    move(MUG, "2.75", MovementReason.RECEIPT);
    ledger.reserve("order-kg", MUG, new BigDecimal("2.125"), T0.plusSeconds(600));

    ledger.reserve("order-kg", MUG, new BigDecimal("2.5"), T0.plusSeconds(600));

    assertThat(ledger.level(MUG).reserved()).isEqualByComparingTo("2.5");
    assertThat(ledger.level(MUG).available()).isEqualByComparingTo("0.25");
    assertThatThrownBy(
            () -> ledger.reserve("order-kg", MUG, new BigDecimal("2.751"), T0.plusSeconds(600)))
        .isInstanceOf(RuleViolationException.class);
    assertThat(ledger.level(MUG).reserved()).isEqualByComparingTo("2.5");
  }

  @Test
  void aReservationIdBelongsToItsStoreSoAnotherStoreCannotReleaseOrReplaceIt() {
    StockKey north = StockKey.floor(StoreId.of("north"), Sku.of("MUG"));
    StockKey demo = StockKey.floor(StoreId.of("demo"), Sku.of("MUG"));
    move(north, "5", MovementReason.RECEIPT);
    move(demo, "5", MovementReason.RECEIPT);
    ledger.reserve("order:north:web-1:MUG", north, new BigDecimal("1"), T0.plusSeconds(600));
    // store demo names north's id: to release, to shrink, to reserve under it
    ledger.release(demo.store(), "order:north:web-1:MUG");
    ledger.shrink(demo.store(), "order:north:web-1:MUG", BigDecimal.ZERO);
    ledger.reserve("order:north:web-1:MUG", demo, new BigDecimal("2"), T0.plusSeconds(600));
    // north still holds its 1, demo its own 2: 5 - 1 = 4 and 5 - 2 = 3 available
    assertThat(ledger.level(north).reserved()).isEqualByComparingTo("1");
    assertThat(ledger.level(north).available()).isEqualByComparingTo("4");
    assertThat(ledger.level(demo).reserved()).isEqualByComparingTo("2");
    ledger.release(north.store(), "order:north:web-1:MUG");
    assertThat(ledger.level(north).reserved()).isEqualByComparingTo("0");
    assertThat(ledger.level(demo).reserved()).isEqualByComparingTo("2");
  }

  @Test
  void theLowFlagReportsOnlyCrossings() {
    assertThat(ledger.markLow(MUG, true)).isFalse();
    assertThat(ledger.markLow(MUG, true)).isTrue();
    assertThat(ledger.markLow(MUG, false)).isTrue();
    assertThat(ledger.markLow(MUG, true)).isFalse();
  }

  @Test
  void thirtyTwoConcurrentSalesOfTheLastTenUnitsSellExactlyTen() throws Exception {
    move(MUG, "10", MovementReason.RECEIPT);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Boolean>> sales = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        sales.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    move(MUG, "-1", MovementReason.SALE);
                    return true;
                  } catch (RuleViolationException e) {
                    return false;
                  }
                }));
      }
      go.countDown();
      int sold = 0;
      for (Future<Boolean> f : sales) {
        sold += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(sold).isEqualTo(10);
      assertThat(ledger.level(MUG).onHand()).isEqualByComparingTo("0");
    } finally {
      pool.shutdownNow();
    }
  }
}

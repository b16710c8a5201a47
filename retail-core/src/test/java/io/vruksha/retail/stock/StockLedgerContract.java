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
    ledger.release("order-3");
    ledger.release("unknown");
    assertThat(ledger.level(MUG).reserved()).isEqualByComparingTo("0");
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

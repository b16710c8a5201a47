package io.vruksha.retail.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every adapter family must show together: a unit of work that fails undoes every
 * write made through the family's ports, and one that succeeds keeps them all.
 */
public abstract class UnitOfWorkContract {

  private static final StoreId S1 = StoreId.of("s1");
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  /** The ports of one adapter family, sharing its unit of work. */
  public record Family(
      UnitOfWork work,
      StockLedger stock,
      Outbox outbox,
      InvoiceSequence sequence,
      LoyaltyLedger loyalty,
      IdempotencyStore idempotency,
      StoreCredits credits) {}

  /** A new, empty family for each test. */
  protected abstract Family newFamily();

  private static void writeEverything(Family f) {
    StockKey key = StockKey.floor(S1, Sku.of("A"));
    f.stock().move(key, BigDecimal.TEN, MovementReason.RECEIPT, "r", "", T0, false);
    f.outbox().append(EventEnvelope.of(new DomainEvent.CustomerCreated(S1, "c", false), T0, "x"));
    f.sequence().next(S1, "S001", 2026);
    f.loyalty().append(new LoyaltyEntry("c", LoyaltyEntry.Kind.EARN, 10, 0, "r", T0));
    f.idempotency().save(new IdempotencyStore.Entry(S1, "k", "h", "sale"));
    f.credits().change("c", Money.of("5.00", "EUR"), "r");
  }

  @Test
  void aFailedUnitOfWorkLeavesNothingBehind() {
    Family f = newFamily();
    assertThatThrownBy(
            () ->
                f.work()
                    .run(
                        () -> {
                          writeEverything(f);
                          throw new IllegalStateException("the till lost power");
                        }))
        .hasMessage("the till lost power");
    assertThat(f.stock().level(StockKey.floor(S1, Sku.of("A"))).onHand()).isEqualByComparingTo("0");
    assertThat(f.stock().movements(StockKey.floor(S1, Sku.of("A")))).isEmpty();
    assertThat(f.outbox().pending(10)).isEmpty();
    assertThat(f.sequence().next(S1, "S001", 2026)).isEqualTo(1);
    assertThat(f.loyalty().balance("c")).isZero();
    assertThat(f.idempotency().find(S1, "k")).isEmpty();
    assertThat(f.credits().balance("c", Currency.getInstance("EUR")).isZero()).isTrue();
  }

  @Test
  void aReservationOfAFailedUnitOfWorkIsReleased() {
    // an order that reserves CAKE, then finds no MUG: the whole placement is undone, so CAKE's
    // 3 must not stay reserved (the in-memory undo of a reservation used to redo itself)
    Family f = newFamily();
    StockKey cake = StockKey.floor(S1, Sku.of("CAKE"));
    StockKey mug = StockKey.floor(S1, Sku.of("MUG"));
    Instant at = Instant.parse("2026-03-29T00:59:59.999999Z");
    f.work()
        .run(
            () ->
                f.stock()
                    .move(cake, new BigDecimal("5"), MovementReason.RECEIPT, "d", "", at, false));
    assertThatThrownBy(
            () ->
                f.work()
                    .run(
                        () -> {
                          f.stock()
                              .reserve(
                                  "ord-1/CAKE", cake, new BigDecimal("3"), at.plusSeconds(3600));
                          f.stock().reserve("ord-1/MUG", mug, BigDecimal.ONE, at.plusSeconds(3600));
                          return null;
                        }))
        .isInstanceOf(RuleViolationException.class);
    assertThat(f.stock().level(cake).reserved()).isEqualByComparingTo("0");
    assertThat(f.stock().level(cake).available()).isEqualByComparingTo("5");
  }

  @Test
  void aSuccessfulUnitOfWorkKeepsEverything() {
    Family f = newFamily();
    f.work()
        .run(
            () -> {
              writeEverything(f);
              return null;
            });
    assertThat(f.stock().level(StockKey.floor(S1, Sku.of("A"))).onHand())
        .isEqualByComparingTo("10");
    assertThat(f.outbox().pending(10)).hasSize(1);
    assertThat(f.sequence().next(S1, "S001", 2026)).isEqualTo(2);
    assertThat(f.loyalty().balance("c")).isEqualTo(10);
    assertThat(f.idempotency().find(S1, "k")).isPresent();
  }
}

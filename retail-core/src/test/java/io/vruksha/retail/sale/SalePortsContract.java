package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every adapter of the sale ports must show: {@link Sales}, {@link IdempotencyStore},
 * {@link StoreCredits} and {@link CartStore}.
 */
public abstract class SalePortsContract {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private static final StoreId S1 = StoreId.of("s1");

  /** A new, empty sales adapter. */
  protected abstract Sales newSales();

  /** A new, empty idempotency adapter. */
  protected abstract IdempotencyStore newIdempotency();

  /** A new, empty store-credit adapter. */
  protected abstract StoreCredits newStoreCredits();

  /** A new, empty cart store. */
  protected abstract CartStore newCarts();

  private static Sale aSale() {
    RetailEngine engine = DemoStore.inMemory();
    return engine.checkout(
        CheckoutRequest.of(
            "k",
            BasketRequest.builder(DemoStore.ID).at(NOON).add("MUG", 3).build(),
            new Tender.Cash(Money.of("20.00", "EUR"))),
        Actor.cashier("anna"));
  }

  @Test
  void salesAndTheirReturnsAreKeptPerStore() {
    Sales sales = newSales();
    Sale sale = aSale();
    sales.save(sale);
    assertThat(sales.find(sale.id())).contains(sale);
    assertThat(sales.list(sale.store())).containsExactly(sale);
    assertThat(sales.list(S1)).isEmpty();
    ReturnReceipt r =
        new ReturnReceipt(
            "R-1",
            sale.id(),
            sale.store(),
            "C001-2026-000001",
            NOON,
            List.of(
                new ReturnReceipt.Line(
                    0,
                    "MUG",
                    BigDecimal.ONE,
                    Money.of("3.33", "EUR"),
                    Money.of("0.53", "EUR"),
                    true,
                    0)),
            Money.of("3.33", "EUR"),
            Money.of("0.53", "EUR"),
            "CASH",
            "h",
            Optional.empty());
    sales.saveReturn(r);
    assertThat(sales.returnsOf(sale.id())).containsExactly(r);
    assertThat(sales.returns(sale.store())).containsExactly(r);
  }

  @Test
  void idempotencyKeysAreScopedByStore() {
    IdempotencyStore keys = newIdempotency();
    keys.save(new IdempotencyStore.Entry(S1, "k-1", "hash", "sale-1"));
    assertThat(keys.find(S1, "k-1"))
        .hasValueSatisfying(e -> assertThat(e.resultId()).isEqualTo("sale-1"));
    assertThat(keys.find(StoreId.of("s2"), "k-1")).isEmpty();
  }

  @Test
  void storeCreditCannotBeOverspent() {
    StoreCredits credits = newStoreCredits();
    credits.change("c-1", Money.of("10.00", "EUR"), "r-1");
    credits.change("c-1", Money.of("-4.00", "EUR"), "s-1");
    assertThat(credits.balance("c-1", DemoStore.EUR)).isEqualTo(Money.of("6.00", "EUR"));
    assertThatThrownBy(() -> credits.change("c-1", Money.of("-6.01", "EUR"), "s-2"))
        .isInstanceOf(RuleViolationException.class);
    assertThat(credits.balance("c-1", DemoStore.EUR)).isEqualTo(Money.of("6.00", "EUR"));
  }

  @Test
  void parkedCartsAreListedPerStoreAndRemovedCartsAreGone() {
    CartStore carts = newCarts();
    Cart cart =
        new Cart(
            "cart-1", S1, List.of(BasketLine.scan("MUG")), Shopper.ANONYMOUS, Set.of(), true, NOON);
    carts.save(cart);
    carts.save(new Cart("cart-2", S1, List.of(), Shopper.ANONYMOUS, Set.of(), false, NOON));
    assertThat(carts.parked(S1)).containsExactly(cart);
    carts.remove("cart-1");
    assertThat(carts.find("cart-1")).isEmpty();
    assertThat(carts.find("cart-2")).isPresent();
  }
}

package io.vruksha.retail.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
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
import java.util.ArrayList;
import java.util.Comparator;
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

  private static Sale variant(
      Sale s, String number, Instant at, Optional<String> customer, Optional<String> shift) {
    return new Sale(
        "sale-" + number,
        s.store(),
        number,
        at,
        s.cashierId(),
        customer,
        shift,
        s.basket(),
        s.tenders(),
        s.tendered(),
        s.change(),
        s.cashRounding(),
        s.pointsPerLine(),
        s.pointsRedeemed(),
        s.journalHash());
  }

  private static ReturnReceipt aReturnOf(Sale sale, String creditNote) {
    return new ReturnReceipt(
        "R-" + creditNote,
        sale.id(),
        sale.store(),
        creditNote,
        sale.at().plusSeconds(60),
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
        "ORIGINAL",
        "h",
        Optional.empty());
  }

  @Test
  void salesAreSearchedByNumberTimeCustomerShiftAndStatusNewestFirst() {
    Sales sales = newSales();
    Sale base = aSale();
    Instant t0 = Instant.parse("2026-11-24T08:00:00Z");
    Sale a = variant(base, "S001-2026-000001", t0, Optional.of("c-1"), Optional.of("sh-1"));
    Sale b =
        variant(
            base, "S001-2026-000002", t0.plusSeconds(3600), Optional.empty(), Optional.of("sh-1"));
    Sale c =
        variant(
            base,
            "S001-2026-000003",
            t0.plusSeconds(7200),
            Optional.of("c-1"),
            Optional.of("sh-2"));
    Sale d =
        variant(
            base, "S001-2026-000004", t0.plusSeconds(86_400), Optional.empty(), Optional.empty());
    for (Sale s : List.of(a, b, c, d)) {
      sales.save(s);
    }
    sales.saveReturn(aReturnOf(b, "C001-2026-000001"));
    SaleQuery all = SaleQuery.of(base.store(), 100);

    assertThat(sales.search(all)).containsExactly(d, c, b, a);
    assertThat(sales.search(SaleQuery.of(base.store(), 2))).containsExactly(d, c);
    assertThat(sales.search(all.number("S001-2026-000002"))).containsExactly(b);
    assertThat(sales.search(all.number("S001-2026-999999"))).isEmpty();
    // [t0 + 1 h, t0 + 1 day): from inclusive, to exclusive
    assertThat(
            sales.search(
                all.between(
                    Optional.of(t0.plusSeconds(3600)), Optional.of(t0.plusSeconds(86_400)))))
        .containsExactly(c, b);
    assertThat(sales.search(all.customer("c-1"))).containsExactly(c, a);
    assertThat(sales.search(all.shifts(Set.of("sh-1")))).containsExactly(b, a);
    assertThat(sales.search(all.shifts(Set.of()))).isEmpty();
    assertThat(sales.search(all.status(SaleQuery.Status.RETURNED))).containsExactly(b);
    assertThat(sales.search(all.status(SaleQuery.Status.SOLD))).containsExactly(d, c, a);
    assertThat(sales.search(all.customer("c-1").shifts(Set.of("sh-2")))).containsExactly(c);
    assertThat(sales.search(SaleQuery.of(S1, 100))).isEmpty();
  }

  /**
   * Bounds finer than a microsecond: a sale's instant is in microseconds, PostgreSQL keeps a bound
   * to the microsecond and the in-memory adapter compares it exactly, so the query keeps each bound
   * as its first microsecond at or after. Every pair of bounds from a grid around three sales one
   * microsecond apart picks exactly the sales in {@code [from, to)} as given, on every adapter.
   */
  @Test
  void timeBoundsWithNanosecondsPickTheSalesInFromInclusiveToExclusive() {
    Sales sales = newSales();
    Sale base = aSale();
    Instant t0 = Instant.parse("2026-03-29T00:59:59.999998Z");
    List<Sale> sold = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Sale s =
          variant(
              base,
              "S001-2026-00010" + i,
              t0.plusNanos(1_000L * i),
              Optional.empty(),
              Optional.empty());
      sales.save(s);
      sold.add(s);
    }
    long[] offsets = {
      -1_001, -1, 0, 1, 499, 500, 501, 999, 1_000, 1_001, 1_999, 2_000, 2_001, 3_000
    };
    SaleQuery all = SaleQuery.of(base.store(), 100);
    int pairs = 0;
    for (long f : offsets) {
      for (long t : offsets) {
        if (t <= f) {
          continue;
        }
        Instant from = t0.plusNanos(f);
        Instant to = t0.plusNanos(t);
        List<Sale> expected =
            sold.stream()
                .filter(s -> !s.at().isBefore(from) && s.at().isBefore(to))
                .sorted(Comparator.comparing(Sale::at).reversed())
                .toList();
        assertThat(sales.search(all.between(Optional.of(from), Optional.of(to))))
            .as("[" + from + ", " + to + ")")
            .containsExactlyElementsOf(expected);
        pairs++;
      }
      Instant from = t0.plusNanos(f);
      assertThat(sales.search(all.between(Optional.of(from), Optional.empty())))
          .as("from " + from)
          .containsExactlyElementsOf(
              sold.stream()
                  .filter(s -> !s.at().isBefore(from))
                  .sorted(Comparator.comparing(Sale::at).reversed())
                  .toList());
    }
    assertThat(pairs).isEqualTo(91);
  }

  @Test
  void aReturnIsFoundByItsCreditNoteNumberInItsStoreOnly() {
    Sales sales = newSales();
    Sale sale = aSale();
    sales.save(sale);
    ReturnReceipt r = aReturnOf(sale, "C001-2026-000007");
    sales.saveReturn(r);
    assertThat(sales.returnByNumber(sale.store(), "C001-2026-000007")).contains(r);
    assertThat(sales.returnByNumber(sale.store(), "C001-2026-000008")).isEmpty();
    assertThat(sales.returnByNumber(S1, "C001-2026-000007")).isEmpty();
  }

  @Test
  void idempotencyKeysAreScopedByStore() {
    IdempotencyStore keys = newIdempotency();
    keys.save(new IdempotencyStore.Entry(S1, "k-1", "hash", "sale-1"));
    assertThat(keys.find(S1, "k-1"))
        .hasValueSatisfying(e -> assertThat(e.resultId()).isEqualTo("sale-1"));
    assertThat(keys.find(StoreId.of("s2"), "k-1")).isEmpty();
  }

  /**
   * A key records the first result it produced. Saving it again (two requests with one key that
   * both looked before either saved) is refused as a duplicate, and the first record stays.
   */
  @Test
  void anIdempotencyKeySavedTwiceIsRefusedAndKeepsItsFirstResult() {
    IdempotencyStore keys = newIdempotency();
    // SHA-256 in hex, as RequestFingerprint gives them
    String first = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    String second = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    keys.save(new IdempotencyStore.Entry(S1, "k-1", first, "sale-1"));

    assertThatThrownBy(() -> keys.save(new IdempotencyStore.Entry(S1, "k-1", second, "sale-2")))
        .isInstanceOfSatisfying(
            RetailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));

    assertThat(keys.find(S1, "k-1"))
        .contains(new IdempotencyStore.Entry(S1, "k-1", first, "sale-1"));
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

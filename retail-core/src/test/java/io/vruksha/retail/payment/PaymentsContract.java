package io.vruksha.retail.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.ManualDiscount;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every adapter of {@link Payments} must show: pending checkouts and payments kept
 * per store exactly as saved (the request with every kind of tender, the cashier's permissions,
 * instants to the microsecond), replaced on save, found by idempotency key, listed in order.
 */
public abstract class PaymentsContract {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00.123456Z");
  private static final StoreId A = StoreId.of("store-a");
  private static final StoreId B = StoreId.of("store-b");

  /** A new, empty adapter. */
  protected abstract Payments newPayments();

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  static PendingCheckout checkout(StoreId store, String id, String key, Instant at) {
    CheckoutRequest request =
        new CheckoutRequest(
            key,
            BasketRequest.builder(store)
                .shopper(Shopper.customer("c-1"))
                .add("TEE-M", 2)
                .coupon("WELCOME")
                .discount(new ManualDiscount.Amount(eur("1.00"), "loyal customer"))
                .build(),
            List.of(
                new Tender.Cash(eur("10.00")),
                new Tender.Card(eur("5.00"), "auth-1"),
                new Tender.Provider(TenderKind.BNPL, eur("23.98"), "")),
            Optional.of("shift-1"));
    return new PendingCheckout(
        id,
        store,
        request,
        "hash-" + id,
        Actor.supervisor("max"),
        PendingCheckout.Status.PAYMENT_PENDING,
        eur("38.98"),
        List.of(Sku.of("TEE-M")),
        at,
        at.plusSeconds(900),
        at,
        Optional.empty(),
        Optional.empty(),
        "");
  }

  static Payment payment(StoreId store, String id, String checkoutId, Instant at) {
    return new Payment(
        id,
        store,
        checkoutId,
        TenderKind.BNPL,
        "sim-bnpl",
        eur("23.98"),
        eur("0.00"),
        PaymentState.PENDING,
        "",
        "https://bnpl.example/approve/1",
        at,
        at,
        Optional.empty());
  }

  @Test
  void aPendingCheckoutReadsBackExactlyAsSavedAndOnlyInItsStore() {
    Payments payments = newPayments();
    PendingCheckout pc = checkout(A, "pc-1", "k-1", NOON);
    payments.saveCheckout(pc);

    assertThat(payments.findCheckout(A, "pc-1")).contains(pc);
    assertThat(payments.lockCheckout(A, "pc-1")).contains(pc);
    assertThat(payments.checkoutByKey(A, "k-1")).contains(pc);
    assertThat(payments.findCheckout(B, "pc-1")).isEmpty();
    assertThat(payments.checkoutByKey(B, "k-1")).isEmpty();
  }

  @Test
  void savingACheckoutAgainReplacesItAndClosedOnesAreNoLongerOpen() {
    Payments payments = newPayments();
    PendingCheckout first = checkout(A, "pc-1", "k-1", NOON);
    PendingCheckout second = checkout(A, "pc-2", "k-2", NOON.plusSeconds(1));
    PendingCheckout other = checkout(B, "pc-1", "k-1", NOON);
    payments.saveCheckout(second);
    payments.saveCheckout(first);
    payments.saveCheckout(other);
    assertThat(payments.openCheckouts(A)).containsExactly(first, second);

    PendingCheckout done = first.completed("sale-1", "S001-2026-000001", NOON.plusSeconds(5));
    payments.saveCheckout(done);

    assertThat(payments.findCheckout(A, "pc-1")).contains(done);
    assertThat(payments.openCheckouts(A)).containsExactly(second);
    assertThat(payments.openCheckouts(B)).containsExactly(other);
  }

  @Test
  void paymentsAreKeptPerStoreAndFoundByCheckoutAndBySale() {
    Payments payments = newPayments();
    payments.saveCheckout(checkout(A, "pc-1", "k-1", NOON));
    payments.saveCheckout(checkout(B, "pc-1", "k-1", NOON));
    Payment p2 = payment(A, "pc-1-2", "pc-1", NOON);
    Payment p1 = payment(A, "pc-1-1", "pc-1", NOON);
    Payment elsewhere = payment(B, "pc-1-1", "pc-1", NOON);
    payments.save(p2);
    payments.save(p1);
    payments.save(elsewhere);

    assertThat(payments.find(A, "pc-1-1")).contains(p1);
    assertThat(payments.ofCheckout(A, "pc-1")).containsExactly(p1, p2);
    assertThat(payments.list(A)).containsExactly(p1, p2);
    assertThat(payments.ofSale(A, "sale-1")).isEmpty();

    Payment paid =
        p1.with(ProviderStatus.of(p1.id(), "ref-1", PaymentState.CAPTURED), NOON.plusSeconds(3))
            .paying("sale-1", NOON.plusSeconds(3));
    payments.save(paid);

    assertThat(payments.find(A, "pc-1-1")).contains(paid);
    assertThat(payments.ofSale(A, "sale-1")).containsExactly(paid);
    assertThat(payments.ofSale(B, "sale-1")).isEmpty();
    assertThat(payments.find(B, "pc-1-1")).contains(elsewhere);
  }

  @Test
  void aPartRefundIsKept() {
    Payments payments = newPayments();
    payments.saveCheckout(checkout(A, "pc-1", "k-1", NOON));
    Payment p =
        payment(A, "pc-1-1", "pc-1", NOON)
            .withState(PaymentState.CAPTURED, NOON)
            .withRefund(eur("9.99"), PaymentState.CAPTURED, NOON.plusSeconds(60));
    payments.save(p);

    assertThat(payments.find(A, "pc-1-1").orElseThrow().refunded()).isEqualTo(eur("9.99"));
    assertThat(payments.find(A, "pc-1-1").orElseThrow().refundable()).isEqualTo(eur("13.99"));
  }
}

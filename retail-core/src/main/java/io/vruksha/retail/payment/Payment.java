package io.vruksha.retail.payment;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment taken through a provider, as the engine keeps it: one per provider tender of a {@link
 * PendingCheckout}. Its id is the idempotency key of the provider's authorisation.
 *
 * @param id the payment's id (unique within the store)
 * @param store the store
 * @param checkoutId the pending checkout it pays
 * @param kind the tender kind (CARD, BNPL, CRYPTO)
 * @param provider the provider's name
 * @param amount what it pays toward the sale
 * @param refunded what has been paid back so far
 * @param state where it stands
 * @param reference the provider's reference, empty until it gave one
 * @param action what the customer must do (hosted page, wallet address), empty when nothing
 * @param createdAt when it was asked for
 * @param updatedAt its last change
 * @param saleId the sale it paid, once completed
 */
public record Payment(
    String id,
    StoreId store,
    String checkoutId,
    TenderKind kind,
    String provider,
    Money amount,
    Money refunded,
    PaymentState state,
    String reference,
    String action,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> saleId) {

  /** Checks for nulls; instants to microseconds. */
  public Payment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(checkoutId, "checkoutId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(refunded, "refunded");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(saleId, "saleId");
    createdAt = Instants.micros(createdAt);
    updatedAt = Instants.micros(updatedAt);
  }

  /** This payment as the provider now reports it. */
  public Payment with(ProviderStatus status, Instant at) {
    return new Payment(
        id,
        store,
        checkoutId,
        kind,
        provider,
        amount,
        refunded,
        status.state(),
        status.reference().isEmpty() ? reference : status.reference(),
        status.action().isEmpty() ? action : status.action(),
        createdAt,
        at,
        saleId);
  }

  /** This payment in another state. */
  public Payment withState(PaymentState next, Instant at) {
    return new Payment(
        id,
        store,
        checkoutId,
        kind,
        provider,
        amount,
        refunded,
        next,
        reference,
        action,
        createdAt,
        at,
        saleId);
  }

  /** This payment with {@code more} paid back. */
  public Payment withRefund(Money more, PaymentState next, Instant at) {
    return new Payment(
        id,
        store,
        checkoutId,
        kind,
        provider,
        amount,
        refunded.plus(more),
        next,
        reference,
        action,
        createdAt,
        at,
        saleId);
  }

  /** This payment as paying {@code sale}. */
  public Payment paying(String sale, Instant at) {
    return new Payment(
        id,
        store,
        checkoutId,
        kind,
        provider,
        amount,
        refunded,
        state,
        reference,
        action,
        createdAt,
        at,
        Optional.of(sale));
  }

  /** What can still be paid back. */
  public Money refundable() {
    return state == PaymentState.CAPTURED ? amount.minus(refunded) : Money.zero(amount.currency());
  }
}

package io.vruksha.retail.payment;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sale waiting for its money: the request as the till sent it (instruments removed), its stock
 * reserved, no receipt number yet and nothing in the fiscal journal. It completes into a sale when
 * every provider payment is approved, or is released (stock back) when one is declined, expires or
 * the cashier cancels it.
 *
 * @param id the pending checkout's id
 * @param store the store
 * @param request the till's request, with provider instruments blanked
 * @param requestHash the fingerprint of the original request, for idempotent retries
 * @param cashier who rang it up, as the completed sale will name them
 * @param status where it stands
 * @param total what the basket came to when it began
 * @param reserved the SKUs whose floor stock is reserved for it, in SKU order
 * @param beganAt when it began (the sale is priced as of this instant)
 * @param expiresAt when it is released if not paid
 * @param updatedAt its last change
 * @param saleId the completed sale
 * @param receiptNumber the completed sale's receipt number
 * @param reason why it was released or cancelled, empty otherwise
 */
public record PendingCheckout(
    String id,
    StoreId store,
    CheckoutRequest request,
    String requestHash,
    Actor cashier,
    Status status,
    Money total,
    List<Sku> reserved,
    Instant beganAt,
    Instant expiresAt,
    Instant updatedAt,
    Optional<String> saleId,
    Optional<String> receiptNumber,
    String reason) {

  /** Where a pending checkout stands; the names are stored and published. */
  public enum Status {
    /** Waiting for the providers: stock reserved, no number, nothing in the journal. */
    PAYMENT_PENDING,
    /** Paid: a sale with its receipt number. */
    COMPLETED,
    /** A payment was declined (or the sale could not be completed): stock back. */
    RELEASED,
    /** Not paid in time: stock back. */
    EXPIRED,
    /** Cancelled by the cashier: stock back. */
    CANCELLED;

    /** Whether it is still waiting. */
    public boolean open() {
      return this == PAYMENT_PENDING;
    }
  }

  /** Checks for nulls; instants to microseconds. */
  public PendingCheckout {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(cashier, "cashier");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(total, "total");
    reserved = List.copyOf(reserved);
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(receiptNumber, "receiptNumber");
    Objects.requireNonNull(reason, "reason");
    beganAt = Instants.micros(beganAt);
    expiresAt = Instants.micros(expiresAt);
    updatedAt = Instants.micros(updatedAt);
  }

  /** This checkout closed with {@code next} for {@code why}. */
  public PendingCheckout closed(Status next, String why, Instant at) {
    return new PendingCheckout(
        id,
        store,
        request,
        requestHash,
        cashier,
        next,
        total,
        reserved,
        beganAt,
        expiresAt,
        at,
        saleId,
        receiptNumber,
        why);
  }

  /** This checkout completed as {@code sale} numbered {@code number}. */
  public PendingCheckout completed(String sale, String number, Instant at) {
    return new PendingCheckout(
        id,
        store,
        request,
        requestHash,
        cashier,
        Status.COMPLETED,
        total,
        reserved,
        beganAt,
        expiresAt,
        at,
        Optional.of(sale),
        Optional.of(number),
        "");
  }
}

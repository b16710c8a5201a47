package io.vruksha.retail.order;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order for later fulfilment and where it stands.
 *
 * @param id the order's id
 * @param store the store that fulfils it
 * @param channel where it was placed
 * @param customerId the customer, if known (earns the points at collection)
 * @param contact how to tell the customer it is ready: an e-mail address or a phone number
 * @param lines what was ordered and what was picked
 * @param status where it stands
 * @param placedAt when it was placed: collection charges the prices of this instant
 * @param reservedUntil when its stock reservation lapses
 * @param total the total at placement prices
 * @param prepayment what the customer paid when ordering, if anything
 * @param refunded what was refunded of the prepayment (cancellation, short pick)
 * @param saleId the sale it became at collection
 * @param receiptNumber that sale's receipt number
 * @param updatedAt when it last changed
 */
public record Order(
    String id,
    StoreId store,
    Channel channel,
    Optional<String> customerId,
    String contact,
    List<Line> lines,
    Status status,
    Instant placedAt,
    Instant reservedUntil,
    Money total,
    Optional<Prepayment> prepayment,
    Money refunded,
    Optional<String> saleId,
    Optional<String> receiptNumber,
    Instant updatedAt) {

  /** Where an order was placed. */
  public enum Channel {
    /** A self-service kiosk in the store. */
    KIOSK,
    /** A web shop, through the e-commerce bridge. */
    WEB,
    /** Taken on the phone by staff. */
    PHONE
  }

  /** Where an order stands; each step allows only the next ones. */
  public enum Status {
    /** Priced and its stock reserved. */
    PLACED,
    /** Picked from the shelf, perhaps short or with substitutes. */
    PICKED,
    /** Waiting at the collection point; the customer has been told. */
    READY,
    /** Handed over and sold. */
    COLLECTED,
    /** Cancelled; the reservation was released and a prepayment refunded. */
    CANCELLED;

    /** Whether the order is still open (neither collected nor cancelled). */
    public boolean open() {
      return this != COLLECTED && this != CANCELLED;
    }
  }

  /**
   * A payment taken when the order was placed (the web shop's card payment).
   *
   * @param amount what was charged
   * @param reference the payment provider's reference
   */
  public record Prepayment(Money amount, String reference) {
    /** Validates the amount and reference. */
    public Prepayment {
      Objects.requireNonNull(amount, "amount");
      if (!amount.isPositive() || reference == null || reference.isBlank()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a prepayment needs an amount above zero and a reference");
      }
    }
  }

  /**
   * One ordered line.
   *
   * @param sku the SKU ordered
   * @param quantity how many were ordered
   * @param unitPrice the list price per unit at placement (collection charges no more)
   * @param lineTotal the line's total at placement prices
   * @param picked how many were picked (zero until picked)
   * @param substitute what was picked instead of the missing units, if anything
   */
  public record Line(
      Sku sku,
      BigDecimal quantity,
      UnitPrice unitPrice,
      Money lineTotal,
      BigDecimal picked,
      Optional<Substitute> substitute) {

    /** Validates the quantities. */
    public Line {
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(unitPrice, "unitPrice");
      Objects.requireNonNull(substitute, "substitute");
      if (quantity.signum() <= 0 || picked.signum() < 0 || picked.compareTo(quantity) > 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "line "
                + sku
                + ": ordered "
                + quantity.toPlainString()
                + ", picked "
                + picked.toPlainString()
                + " (picked may be 0 to the ordered quantity)");
      }
    }

    /** The units neither picked nor replaced by a substitute. */
    public BigDecimal shortage() {
      BigDecimal s =
          quantity
              .subtract(picked)
              .subtract(substitute.map(Substitute::quantity).orElse(BigDecimal.ZERO));
      return s.signum() < 0 ? BigDecimal.ZERO : s;
    }
  }

  /**
   * A SKU picked in place of missing units.
   *
   * @param sku the substitute SKU
   * @param quantity how many of it
   */
  public record Substitute(Sku sku, BigDecimal quantity) {
    /** Validates the quantity. */
    public Substitute {
      Objects.requireNonNull(sku, "sku");
      if (quantity == null || quantity.signum() <= 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a substitute of " + sku + " needs a quantity above zero");
      }
    }
  }

  /** The contact of an order whose customer was anonymised. */
  public static final String FORGOTTEN_CONTACT = "anonymised";

  /** Copies the lines and checks for nulls. */
  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(prepayment, "prepayment");
    Objects.requireNonNull(refunded, "refunded");
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(receiptNumber, "receiptNumber");
    lines = List.copyOf(lines);
    placedAt = Instants.microsOrNull(placedAt);
    reservedUntil = Instants.microsOrNull(reservedUntil);
    updatedAt = Instants.microsOrNull(updatedAt);
  }

  /** This order in {@code next} status at {@code at}. */
  public Order withStatus(Status next, Instant at) {
    return new Order(
        id,
        store,
        channel,
        customerId,
        contact,
        lines,
        next,
        placedAt,
        reservedUntil,
        total,
        prepayment,
        refunded,
        saleId,
        receiptNumber,
        at);
  }

  /** This order with picked lines. */
  public Order withLines(List<Line> picked) {
    return new Order(
        id,
        store,
        channel,
        customerId,
        contact,
        picked,
        status,
        placedAt,
        reservedUntil,
        total,
        prepayment,
        refunded,
        saleId,
        receiptNumber,
        updatedAt);
  }

  /** This order with a refund recorded. */
  public Order withRefund(Money amount) {
    return new Order(
        id,
        store,
        channel,
        customerId,
        contact,
        lines,
        status,
        placedAt,
        reservedUntil,
        total,
        prepayment,
        amount,
        saleId,
        receiptNumber,
        updatedAt);
  }

  /**
   * This order with its contact replaced by {@link #FORGOTTEN_CONTACT}, once its customer is
   * anonymised: nobody is told it is ready any more.
   */
  public Order withoutContact() {
    return new Order(
        id,
        store,
        channel,
        customerId,
        FORGOTTEN_CONTACT,
        lines,
        status,
        placedAt,
        reservedUntil,
        total,
        prepayment,
        refunded,
        saleId,
        receiptNumber,
        updatedAt);
  }

  /** This order sold as {@code sale} with receipt {@code receipt}. */
  public Order soldAs(String sale, String receipt) {
    return new Order(
        id,
        store,
        channel,
        customerId,
        contact,
        lines,
        status,
        placedAt,
        reservedUntil,
        total,
        prepayment,
        refunded,
        Optional.of(sale),
        Optional.of(receipt),
        updatedAt);
  }
}

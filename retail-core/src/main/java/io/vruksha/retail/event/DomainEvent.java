package io.vruksha.retail.event;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The facts the engine publishes, one record per kind, each with its subject {@code
 * retail.<domain>.<entity>.<action>.v1}. Events are written to the {@link Outbox} in the same unit
 * of work as the change they describe, and relayed after commit.
 */
public sealed interface DomainEvent {

  /** {@link Quantity#canonical} of a quantity that may be absent. */
  private static BigDecimal canonicalOrNull(BigDecimal value) {
    return value == null ? null : Quantity.canonical(value);
  }

  /** The NATS subject. */
  String subject();

  /** The store the fact belongs to. */
  StoreId store();

  /**
   * A sale was checked out.
   *
   * @param store the store
   * @param saleId the sale
   * @param receiptNumber its receipt (invoice) number
   * @param customerId the customer, or empty string for a walk-in
   * @param total what was paid
   * @param lines the SKUs and quantities sold
   */
  record SaleCompleted(
      StoreId store,
      String saleId,
      String receiptNumber,
      String customerId,
      Money total,
      List<SoldLine> lines)
      implements DomainEvent {
    /** Copies the lines. */
    public SaleCompleted {
      lines = List.copyOf(lines);
    }

    @Override
    public String subject() {
      return "retail.pos.sale.completed.v1";
    }
  }

  /**
   * One sold line in {@link SaleCompleted}.
   *
   * @param sku the SKU
   * @param quantity how many
   * @param total what was paid for the line
   */
  record SoldLine(String sku, BigDecimal quantity, Money total) {}

  /**
   * A fiscal document (invoice or credit note) was issued.
   *
   * @param store the store
   * @param number its number
   * @param kind invoice or credit note
   * @param total its total
   * @param hash its journal hash
   */
  record InvoiceCreated(StoreId store, String number, String kind, Money total, String hash)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.billing.invoice.created.v1";
    }
  }

  /**
   * Stock of a SKU at a location changed.
   *
   * @param store the store
   * @param sku the SKU
   * @param location the location
   * @param change the signed change
   * @param onHand the new on-hand quantity
   * @param reason why (sale, return, receipt, adjustment, transfer, count)
   */
  record StockUpdated(
      StoreId store,
      String sku,
      String location,
      BigDecimal change,
      BigDecimal onHand,
      String reason)
      implements DomainEvent {
    /**
     * Keeps the quantities in their canonical form ({@link Quantity#canonical}), as a stock level
     * and a movement keep theirs, so the payload reads the same whichever path booked the movement.
     */
    public StockUpdated {
      change = canonicalOrNull(change);
      onHand = canonicalOrNull(onHand);
    }

    @Override
    public String subject() {
      return "retail.inventory.stock.updated.v1";
    }
  }

  /**
   * Available stock crossed below a reorder point (raised once per crossing).
   *
   * @param store the store
   * @param sku the SKU
   * @param location the location
   * @param available the available quantity now
   * @param reorderPoint the reorder point
   * @param reorderQuantity the quantity to reorder
   */
  record StockLow(
      StoreId store,
      String sku,
      String location,
      BigDecimal available,
      BigDecimal reorderPoint,
      BigDecimal reorderQuantity)
      implements DomainEvent {
    /** Keeps the quantities in their canonical form ({@link Quantity#canonical}). */
    public StockLow {
      available = canonicalOrNull(available);
      reorderPoint = canonicalOrNull(reorderPoint);
      reorderQuantity = canonicalOrNull(reorderQuantity);
    }

    @Override
    public String subject() {
      return "retail.inventory.stock.low.v1";
    }
  }

  /**
   * A customer earned loyalty points.
   *
   * @param store the store
   * @param customerId the customer
   * @param points points earned
   * @param balance the balance afterwards
   * @param saleId the sale that earned them
   */
  record LoyaltyPointsEarned(
      StoreId store, String customerId, long points, long balance, String saleId)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.customer.loyalty.points.earned.v1";
    }
  }

  /**
   * A return was completed against a sale.
   *
   * @param store the store
   * @param returnId the return
   * @param saleId the original sale
   * @param creditNoteNumber the credit note issued
   * @param refund what was refunded
   */
  record ReturnCompleted(
      StoreId store, String returnId, String saleId, String creditNoteNumber, Money refund)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.pos.return.completed.v1";
    }
  }

  /**
   * A customer was created.
   *
   * @param store the store that created it
   * @param customerId the customer
   * @param marketingConsent whether they agreed to marketing
   */
  record CustomerCreated(StoreId store, String customerId, boolean marketingConsent)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.customer.customer.created.v1";
    }
  }

  /**
   * A customer's personal data was removed; their sales remain.
   *
   * @param store the store that did it
   * @param customerId the customer
   */
  record CustomerAnonymised(StoreId store, String customerId) implements DomainEvent {
    @Override
    public String subject() {
      return "retail.customer.customer.anonymised.v1";
    }
  }

  /**
   * A customer was enrolled in the loyalty programme.
   *
   * @param store the store
   * @param customerId the customer
   */
  record LoyaltyEnrolled(StoreId store, String customerId) implements DomainEvent {
    @Override
    public String subject() {
      return "retail.customer.loyalty.enrolled.v1";
    }
  }

  /**
   * A purchase order was drafted or changed.
   *
   * @param store the store
   * @param orderId the order
   * @param supplierId the supplier
   * @param status its status
   */
  record PurchaseOrderChanged(StoreId store, String orderId, String supplierId, String status)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.procurement.purchase_order." + status.toLowerCase(Locale.ROOT) + ".v1";
    }
  }

  /**
   * A register shift was closed with its Z report.
   *
   * @param store the store
   * @param shiftId the shift
   * @param zNumber the Z report's number
   * @param overShort counted minus expected cash
   */
  record ShiftClosed(StoreId store, String shiftId, String zNumber, Money overShort)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.pos.shift.closed.v1";
    }
  }

  /**
   * What web shops may sell of a listed SKU at a store changed (a sale, a receipt, a reservation, a
   * new safety buffer).
   *
   * @param store the store
   * @param sku the SKU
   * @param availableToSell on hand minus reserved minus the safety buffer, never below zero
   * @param onHand on hand
   * @param reserved reserved for orders
   * @param safetyBuffer the safety buffer
   */
  record AvailableToSellChanged(
      StoreId store,
      String sku,
      BigDecimal availableToSell,
      BigDecimal onHand,
      BigDecimal reserved,
      BigDecimal safetyBuffer)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.inventory.available_to_sell.changed.v1";
    }
  }

  /**
   * An order for later fulfilment (kiosk, web, phone) was placed, picked, made ready, collected or
   * cancelled.
   *
   * @param store the store
   * @param orderId the order
   * @param channel where it was placed (KIOSK, WEB, PHONE)
   * @param status its new status (PLACED, PICKED, READY, COLLECTED, CANCELLED)
   * @param customerId the customer, or empty string
   * @param total the order's total at its placement prices (collected: what the sale charged)
   * @param receiptNumber the sale's receipt once collected, else empty string
   * @param refunded what was refunded of a prepayment (cancellation, short pick)
   */
  record OrderChanged(
      StoreId store,
      String orderId,
      String channel,
      String status,
      String customerId,
      Money total,
      String receiptNumber,
      Money refunded)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.order.order." + status.toLowerCase(Locale.ROOT) + ".v1";
    }
  }

  /**
   * A curbside collection was booked, moved to another slot, checked in on arrival or cancelled.
   *
   * @param store the store
   * @param bookingId the booking
   * @param slotId its slot
   * @param orderId the order collected, or empty string
   * @param status BOOKED, CHANGED, CHECKED_IN or CANCELLED
   */
  record CurbsideBookingChanged(
      StoreId store, String bookingId, String slotId, String orderId, String status)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.order.curbside_booking." + status.toLowerCase(Locale.ROOT) + ".v1";
    }
  }

  /**
   * A warranty on a serialised item was registered at sale, claimed, or voided by a return.
   *
   * @param store the store
   * @param serial the item's serial number
   * @param sku the SKU
   * @param receiptNumber the receipt it was sold on
   * @param status REGISTERED, CLAIMED or VOIDED
   */
  record WarrantyChanged(
      StoreId store, String serial, String sku, String receiptNumber, String status)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.aftersales.warranty." + status.toLowerCase(Locale.ROOT) + ".v1";
    }
  }

  /**
   * A gift card's balance or state changed: issued (sold, refunded or imported), reloaded, redeemed
   * at a sale, expired or cancelled. The code itself never travels: only its last four characters.
   *
   * @param store the card's store
   * @param cardId the card
   * @param last4 the last four characters of its code
   * @param action ISSUED, RELOADED, REDEEMED, EXPIRED or CANCELLED
   * @param amount the change (negative for a redemption, an expiry or a cancellation)
   * @param balance the balance after it
   * @param reference the sale, return or import it belongs to
   */
  record GiftCardChanged(
      StoreId store,
      String cardId,
      String last4,
      String action,
      Money amount,
      Money balance,
      String reference)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.loyalty.giftcard." + action.toLowerCase(Locale.ROOT) + ".v1";
    }
  }

  /**
   * A notification was delivered, or given up on after its last attempt.
   *
   * @param store the store
   * @param notificationId the notification
   * @param kind ORDER_READY, POINTS_EARNED, LOW_STOCK or PURCHASE_ORDER_SENT
   * @param channel EMAIL, SMS or WEBHOOK
   * @param status SENT or FAILED
   * @param attempts delivery attempts made
   */
  record NotificationChanged(
      StoreId store,
      String notificationId,
      String kind,
      String channel,
      String status,
      int attempts)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.notification.notification." + status.toLowerCase(Locale.ROOT) + ".v1";
    }
  }

  /**
   * A payment taken through a provider changed: asked for, authorised, captured, declined, expired,
   * voided or refunded. The subject names its state: {@code retail.billing.payment.<state>.v1}.
   *
   * @param store the store
   * @param paymentId the payment
   * @param checkoutId the pending checkout it pays
   * @param kind the tender kind (CARD, BNPL, CRYPTO)
   * @param provider the provider's name
   * @param state the payment's new state
   * @param amount what it pays toward the sale
   * @param refunded what has been paid back so far
   * @param reference the provider's reference, empty until it gave one
   * @param checkoutStatus the pending checkout's status after the change
   * @param receiptNumber the completed sale's receipt number, else empty
   * @param reason why, when the engine itself voided, refunded or released (e.g. an approval that
   *     came after the sale was released), else empty
   */
  record PaymentChanged(
      StoreId store,
      String paymentId,
      String checkoutId,
      String kind,
      String provider,
      String state,
      Money amount,
      Money refunded,
      String reference,
      String checkoutStatus,
      String receiptNumber,
      String reason)
      implements DomainEvent {
    @Override
    public String subject() {
      return "retail.billing.payment." + state.toLowerCase(Locale.ROOT) + ".v1";
    }
  }
}

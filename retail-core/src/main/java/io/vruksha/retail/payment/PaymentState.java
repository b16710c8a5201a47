package io.vruksha.retail.payment;

/**
 * Where a payment taken through a {@link PaymentProvider} stands. The names are stored and
 * published ({@code retail.billing.payment.<state>.v1}), so they never change.
 *
 * <p>A payment moves forward only: {@code PENDING} to {@code AUTHORIZED}, {@code CAPTURED}, {@code
 * DECLINED}, {@code EXPIRED} or {@code VOIDED}; {@code AUTHORIZED} to {@code CAPTURED}, {@code
 * VOIDED} or {@code EXPIRED}; {@code CAPTURED} to {@code REFUNDED}. Any other news from a provider
 * is stale (a duplicate or an out-of-order callback) and is ignored, except an approval of a
 * payment whose sale was already released, which is voided or refunded at once.
 */
public enum PaymentState {
  /** Asked for, not yet answered (a terminal waiting for the card, a hosted approval, a wallet). */
  PENDING,
  /** Approved and held; the money moves when it is captured. */
  AUTHORIZED,
  /** The money was taken. */
  CAPTURED,
  /** The provider said no. */
  DECLINED,
  /** Nobody answered in time: the hold lapsed. */
  EXPIRED,
  /** Cancelled before any money moved. */
  VOIDED,
  /** Captured, then paid back in full. */
  REFUNDED;

  /** Whether the provider holds or took the customer's money. */
  public boolean approved() {
    return this == AUTHORIZED || this == CAPTURED;
  }

  /** Whether nothing more will happen to the payment but a refund. */
  public boolean settled() {
    return this != PENDING && this != AUTHORIZED;
  }

  /** Whether the payment failed without taking money. */
  public boolean failed() {
    return this == DECLINED || this == EXPIRED || this == VOIDED;
  }

  /**
   * Whether a payment in this state may move to {@code next} on the provider's word: the forward
   * moves of the class comment, never back.
   */
  public boolean mayBecome(PaymentState next) {
    return switch (this) {
      case PENDING -> next != PENDING && next != REFUNDED;
      case AUTHORIZED -> next == CAPTURED || next == VOIDED || next == EXPIRED;
      case CAPTURED -> next == REFUNDED;
      case DECLINED, EXPIRED, VOIDED, REFUNDED -> false;
    };
  }
}

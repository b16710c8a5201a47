package io.vruksha.retail.promotion;

/**
 * Port: how often each coupon code has been redeemed. Checkout redeems, a void releases.
 * Implementations must be thread-safe and {@link #tryRedeem} atomic: of many tills redeeming the
 * last use at once, exactly one succeeds.
 */
public interface CouponLedger {

  /** How many sales have redeemed {@code code}. */
  int used(String code);

  /**
   * Redeems {@code code} for {@code saleId} if fewer than {@code maxUses} sales have. Idempotent:
   * the same sale redeeming again succeeds without using another use.
   *
   * @return true when the sale holds a redemption, false when the code is exhausted
   */
  boolean tryRedeem(String code, int maxUses, String saleId);

  /** Gives back the redemption of {@code saleId}, if it held one (a voided sale). */
  void release(String code, String saleId);
}

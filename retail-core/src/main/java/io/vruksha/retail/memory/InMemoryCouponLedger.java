package io.vruksha.retail.memory;

import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.CouponLedger;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CouponLedger} in memory. Thread-safe: each code's set of redeeming sales is updated inside
 * {@link ConcurrentHashMap#compute}, which runs atomically per code.
 */
public final class InMemoryCouponLedger implements CouponLedger {

  private final Map<String, Set<String>> redemptions = new ConcurrentHashMap<>();

  @Override
  public int used(String code) {
    Set<String> sales = redemptions.get(Coupon.normalise(code));
    if (sales == null) {
      return 0;
    }
    synchronized (sales) {
      return sales.size();
    }
  }

  @Override
  public boolean tryRedeem(String code, int maxUses, String saleId) {
    boolean[] granted = new boolean[1];
    redemptions.compute(
        Coupon.normalise(code),
        (k, sales) -> {
          Set<String> next = sales == null ? new HashSet<>() : sales;
          synchronized (next) {
            if (next.contains(saleId)) {
              granted[0] = true;
            } else if (next.size() < maxUses) {
              next.add(saleId);
              granted[0] = true;
            }
          }
          return next;
        });
    return granted[0];
  }

  @Override
  public void release(String code, String saleId) {
    redemptions.computeIfPresent(
        Coupon.normalise(code),
        (k, sales) -> {
          synchronized (sales) {
            sales.remove(saleId);
          }
          return sales;
        });
  }
}

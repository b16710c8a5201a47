package io.vruksha.retail.promotion;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** Port: the promotions and coupon codes. Implementations must be thread-safe. */
public interface Promotions {

  /** Creates or replaces a promotion. */
  void save(Promotion promotion);

  /** Removes a promotion (its coupons stop unlocking anything). */
  void remove(PromotionId id);

  /** The promotion with this id. */
  Optional<Promotion> find(PromotionId id);

  /** The promotions that may run in {@code store} (any store, or listing it), ordered by id. */
  List<Promotion> active(StoreId store);

  /** Creates or replaces a coupon code. */
  void saveCoupon(Coupon coupon);

  /** The coupon with this (normalised) code. */
  Optional<Coupon> coupon(String code);

  /** Every coupon. */
  List<Coupon> coupons();
}

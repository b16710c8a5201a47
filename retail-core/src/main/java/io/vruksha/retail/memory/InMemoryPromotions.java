package io.vruksha.retail.memory;

import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.store.StoreId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Promotions} in concurrent maps. Thread-safe. */
public final class InMemoryPromotions implements Promotions {

  private final Map<PromotionId, Promotion> promotions = new ConcurrentHashMap<>();
  private final Map<String, Coupon> coupons = new ConcurrentHashMap<>();

  @Override
  public void save(Promotion promotion) {
    promotions.put(promotion.id(), promotion);
  }

  @Override
  public void remove(PromotionId id) {
    promotions.remove(id);
  }

  @Override
  public Optional<Promotion> find(PromotionId id) {
    return Optional.ofNullable(promotions.get(id));
  }

  @Override
  public List<Promotion> active(StoreId store) {
    return promotions.values().stream()
        .filter(p -> p.eligibility().stores().isEmpty() || p.eligibility().stores().contains(store))
        .sorted(Comparator.comparing(Promotion::id))
        .toList();
  }

  @Override
  public void saveCoupon(Coupon coupon) {
    coupons.put(coupon.code(), coupon);
  }

  @Override
  public Optional<Coupon> coupon(String code) {
    return Optional.ofNullable(coupons.get(Coupon.normalise(code)));
  }

  @Override
  public List<Coupon> coupons() {
    return coupons.values().stream().sorted(Comparator.comparing(Coupon::code)).toList();
  }
}

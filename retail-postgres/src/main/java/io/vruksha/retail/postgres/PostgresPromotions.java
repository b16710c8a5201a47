package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** {@link Promotions} on PostgreSQL: promotions as JSON documents, coupons as rows. Thread-safe. */
public final class PostgresPromotions implements Promotions {

  private final PostgresUnitOfWork work;

  /** The promotions of {@code db}. */
  public PostgresPromotions(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Promotion p) {
    work.with(
        h -> {
          Audit.record(h, "promotion", p.id().value(), find(p.id()), Optional.of(p));
          return h.createUpdate(
                  "INSERT INTO promotions VALUES (:id, CAST(:doc AS jsonb))"
                      + " ON CONFLICT (promotion_id) DO UPDATE SET document = CAST(:doc AS jsonb)")
              .bind("id", p.id().value())
              .bind("doc", DocumentJson.write(p))
              .execute();
        });
  }

  @Override
  public void remove(PromotionId id) {
    work.with(
        h ->
            h.createUpdate("DELETE FROM promotions WHERE promotion_id = :id")
                .bind("id", id.value())
                .execute());
  }

  @Override
  public Optional<Promotion> find(PromotionId id) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM promotions WHERE promotion_id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Promotion.class)));
  }

  @Override
  public List<Promotion> active(StoreId store) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM promotions ORDER BY promotion_id")
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Promotion.class))
                .filter(
                    p ->
                        p.eligibility().stores().isEmpty()
                            || p.eligibility().stores().contains(store))
                .list());
  }

  @Override
  public void saveCoupon(Coupon c) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO coupons VALUES (:c, :p, :m) ON CONFLICT (code) DO UPDATE SET promotion_id = :p, max_uses = :m")
                .bind("c", c.code())
                .bind("p", c.promotion().value())
                .bind("m", c.maxUses())
                .execute());
  }

  @Override
  public Optional<Coupon> coupon(String code) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM coupons WHERE code = :c")
                .bind("c", Coupon.normalise(code))
                .map(
                    (rs, ctx) ->
                        new Coupon(
                            rs.getString("code"),
                            PromotionId.of(rs.getString("promotion_id")),
                            rs.getInt("max_uses")))
                .findOne());
  }

  @Override
  public List<Coupon> coupons() {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM coupons ORDER BY code")
                .map(
                    (rs, ctx) ->
                        new Coupon(
                            rs.getString("code"),
                            PromotionId.of(rs.getString("promotion_id")),
                            rs.getInt("max_uses")))
                .list());
  }
}

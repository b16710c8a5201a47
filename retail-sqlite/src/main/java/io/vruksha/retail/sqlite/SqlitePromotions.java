package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link Promotions} on SQLite: promotions as JSON documents, coupons as rows keyed by their
 * normalised code. Lists come back in the in-memory adapter's order (by id, by code). Thread-safe.
 */
public final class SqlitePromotions implements Promotions, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The promotions of {@code db}. */
  public SqlitePromotions(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Promotion p) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO promotions VALUES (:id, :doc)"
                        + " ON CONFLICT (promotion_id) DO UPDATE SET document = excluded.document")
                .bind("id", p.id().value())
                .bind("doc", DocumentJson.write(p))
                .execute());
  }

  @Override
  public void remove(PromotionId id) {
    work.write(
        h ->
            h.createUpdate("DELETE FROM promotions WHERE promotion_id = :id")
                .bind("id", id.value())
                .execute());
  }

  @Override
  public Optional<Promotion> find(PromotionId id) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM promotions WHERE promotion_id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Promotion.class)));
  }

  @Override
  public List<Promotion> active(StoreId store) {
    List<Promotion> active =
        new ArrayList<>(
            work.with(
                h ->
                    h.createQuery("SELECT document FROM promotions")
                        .mapTo(String.class)
                        .map(d -> DocumentJson.read(d, Promotion.class))
                        .filter(
                            p ->
                                p.eligibility().stores().isEmpty()
                                    || p.eligibility().stores().contains(store))
                        .list()));
    // in Java, not SQL: String order (UTF-16), which SQLite's byte order is not for every text
    active.sort(Comparator.comparing(Promotion::id));
    return active;
  }

  @Override
  public void saveCoupon(Coupon c) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO coupons VALUES (:c, :p, :m)"
                        + " ON CONFLICT (code) DO UPDATE SET promotion_id = :p, max_uses = :m")
                .bind("c", c.code())
                .bind("p", c.promotion().value())
                .bind("m", c.maxUses())
                .execute());
  }

  @Override
  public Optional<Coupon> coupon(String code) {
    String normalised = Coupon.normalise(code);
    return work.with(
        h ->
            h.createQuery("SELECT * FROM coupons WHERE code = :c")
                .bind("c", normalised)
                .map((rs, ctx) -> coupon(rs))
                .findOne());
  }

  @Override
  public List<Coupon> coupons() {
    List<Coupon> coupons =
        new ArrayList<>(
            work.with(
                h -> h.createQuery("SELECT * FROM coupons").map((rs, ctx) -> coupon(rs)).list()));
    coupons.sort(Comparator.comparing(Coupon::code));
    return coupons;
  }

  private static Coupon coupon(ResultSet rs) throws SQLException {
    return new Coupon(
        rs.getString("code"), PromotionId.of(rs.getString("promotion_id")), rs.getInt("max_uses"));
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

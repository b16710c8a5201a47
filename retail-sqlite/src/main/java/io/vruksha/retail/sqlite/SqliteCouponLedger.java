package io.vruksha.retail.sqlite;

import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;

/**
 * {@link CouponLedger} on SQLite: the use count and each sale's redemption in two tables, changed
 * together in one unit of work (joining the checkout's), so of many threads redeeming the last use
 * at once exactly one succeeds; redemptions are idempotent per sale. Thread-safe.
 */
public final class SqliteCouponLedger implements CouponLedger, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The coupon ledger of {@code db}. */
  public SqliteCouponLedger(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public int used(String code) {
    return work.with(
        h ->
            h.createQuery("SELECT used FROM coupon_usage WHERE code = :c")
                .bind("c", Coupon.normalise(code))
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
  }

  @Override
  public boolean tryRedeem(String code, int maxUses, String saleId) {
    String c = Coupon.normalise(code);
    return work.write(
        h -> {
          boolean already =
              h.createQuery("SELECT 1 FROM coupon_redemptions WHERE code = :c AND sale_id = :s")
                  .bind("c", c)
                  .bind("s", saleId)
                  .mapTo(Integer.class)
                  .findOne()
                  .isPresent();
          if (already) {
            return true;
          }
          h.createUpdate("INSERT INTO coupon_usage VALUES (:c, 0) ON CONFLICT DO NOTHING")
              .bind("c", c)
              .execute();
          int used =
              h.createQuery("SELECT used FROM coupon_usage WHERE code = :c")
                  .bind("c", c)
                  .mapTo(Integer.class)
                  .one();
          if (used >= maxUses) {
            return false;
          }
          h.createUpdate("INSERT INTO coupon_redemptions VALUES (:c, :s)")
              .bind("c", c)
              .bind("s", saleId)
              .execute();
          h.createUpdate("UPDATE coupon_usage SET used = used + 1 WHERE code = :c")
              .bind("c", c)
              .execute();
          return true;
        });
  }

  @Override
  public void release(String code, String saleId) {
    String c = Coupon.normalise(code);
    work.write(
        h -> {
          int removed =
              h.createUpdate("DELETE FROM coupon_redemptions WHERE code = :c AND sale_id = :s")
                  .bind("c", c)
                  .bind("s", saleId)
                  .execute();
          return removed == 0
              ? 0
              : h.createUpdate("UPDATE coupon_usage SET used = used - 1 WHERE code = :c")
                  .bind("c", c)
                  .execute();
        });
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

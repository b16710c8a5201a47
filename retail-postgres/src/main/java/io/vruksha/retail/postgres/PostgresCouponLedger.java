package io.vruksha.retail.postgres;

import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;

/**
 * {@link CouponLedger} on PostgreSQL: a redemption locks the code's usage row, so of many tills
 * redeeming the last use at once exactly one succeeds; redemptions are idempotent per sale.
 * Thread-safe.
 */
public final class PostgresCouponLedger implements CouponLedger, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The coupon ledger of {@code db}. */
  public PostgresCouponLedger(PostgresDatabase db) {
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
    return work.with(
        h -> {
          h.createUpdate("INSERT INTO coupon_usage VALUES (:c, 0) ON CONFLICT DO NOTHING")
              .bind("c", c)
              .execute();
          int used =
              h.createQuery("SELECT used FROM coupon_usage WHERE code = :c FOR UPDATE")
                  .bind("c", c)
                  .mapTo(Integer.class)
                  .one();
          boolean already =
              h.createQuery(
                          "SELECT count(*) FROM coupon_redemptions WHERE code = :c AND sale_id = :s")
                      .bind("c", c)
                      .bind("s", saleId)
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (already) {
            return true;
          }
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
    work.with(
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

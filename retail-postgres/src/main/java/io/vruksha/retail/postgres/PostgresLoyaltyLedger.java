package io.vruksha.retail.postgres;

import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.Timestamp;
import java.util.List;

/** {@link LoyaltyLedger} on PostgreSQL ({@code loyalty_transactions}). Thread-safe. */
public final class PostgresLoyaltyLedger implements LoyaltyLedger, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The loyalty ledger of {@code db}. */
  public PostgresLoyaltyLedger(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void append(LoyaltyEntry e) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO loyalty_transactions (customer_id, kind, points, spend_minor, reference, at)"
                        + " VALUES (:c, :k, :p, :s, :r, :at)")
                .bind("c", e.customerId())
                .bind("k", e.kind().name())
                .bind("p", e.points())
                .bind("s", e.spendMinor())
                .bind("r", e.reference())
                .bind("at", Timestamp.from(e.at()))
                .execute());
  }

  @Override
  public List<LoyaltyEntry> entries(String customerId) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM loyalty_transactions WHERE customer_id = :c ORDER BY id")
                .bind("c", customerId)
                .map(
                    (rs, ctx) ->
                        new LoyaltyEntry(
                            customerId,
                            LoyaltyEntry.Kind.valueOf(rs.getString("kind")),
                            rs.getLong("points"),
                            rs.getLong("spend_minor"),
                            rs.getString("reference"),
                            rs.getTimestamp("at").toInstant()))
                .list());
  }

  @Override
  public long balance(String customerId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT coalesce(sum(points), 0) FROM loyalty_transactions WHERE customer_id = :c")
                .bind("c", customerId)
                .mapTo(Long.class)
                .one());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

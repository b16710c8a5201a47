package io.vruksha.retail.sqlite;

import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;

/**
 * {@link LoyaltyLedger} on SQLite: one row per entry, in the order appended; the balance is their
 * sum, counted by SQLite. Appends join the sale's or return's unit of work. Thread-safe (one writer
 * at a time).
 */
public final class SqliteLoyaltyLedger implements LoyaltyLedger, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The loyalty ledger of {@code db}. */
  public SqliteLoyaltyLedger(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void append(LoyaltyEntry e) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO loyalty_entries (customer_id, kind, points, spend_minor,"
                        + " reference, at) VALUES (:c, :k, :p, :s, :r, :at)")
                .bind("c", e.customerId())
                .bind("k", e.kind().name())
                .bind("p", e.points())
                .bind("s", e.spendMinor())
                .bind("r", e.reference())
                .bind("at", SqliteValues.micros(e.at()))
                .execute());
  }

  @Override
  public List<LoyaltyEntry> entries(String customerId) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM loyalty_entries WHERE customer_id = :c ORDER BY id")
                .bind("c", customerId)
                .map(
                    (rs, ctx) ->
                        new LoyaltyEntry(
                            customerId,
                            LoyaltyEntry.Kind.valueOf(rs.getString("kind")),
                            rs.getLong("points"),
                            rs.getLong("spend_minor"),
                            rs.getString("reference"),
                            SqliteValues.instant(rs.getLong("at"))))
                .list());
  }

  /**
   * The sum of the entries' points. SQLite's {@code sum} of integers fails on overflow rather than
   * wrap; {@code total} would round; the in-memory adapter's long sum wraps: a balance beyond ±9.2
   * quintillion points is not a case a till meets.
   */
  @Override
  public long balance(String customerId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT coalesce(sum(points), 0) FROM loyalty_entries WHERE customer_id = :c")
                .bind("c", customerId)
                .mapTo(Long.class)
                .one());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

package io.vruksha.retail.sqlite;

import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * {@link Stores} on SQLite: one row per store, its cash rounding's increment kept as the exact
 * decimal it was given. Thread-safe (one writer at a time).
 */
public final class SqliteStores implements Stores, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The stores of {@code db}. */
  public SqliteStores(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Store s) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO stores VALUES (:id, :n, :c, :z, :inc, :mode, :scope)"
                        + " ON CONFLICT (store_id) DO UPDATE SET name = :n, currency = :c,"
                        + " zone = :z, cash_increment = :inc, cash_mode = :mode,"
                        + " cash_rounding_scope = :scope")
                .bind("id", s.id().value())
                .bind("n", s.name())
                .bind("c", s.currency().getCurrencyCode())
                .bind("z", s.zone().getId())
                .bind("inc", SqliteValues.decimal(s.cashRounding().increment()))
                .bind("mode", s.cashRounding().mode().name())
                .bind("scope", s.cashRounding().scope().name())
                .execute());
  }

  @Override
  public Optional<Store> find(StoreId id) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM stores WHERE store_id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> read(rs))
                .findOne());
  }

  @Override
  public List<Store> all() {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM stores ORDER BY store_id COLLATE JAVA")
                .map((rs, ctx) -> read(rs))
                .list());
  }

  private static Store read(ResultSet rs) throws SQLException {
    return new Store(
        StoreId.of(rs.getString("store_id")),
        rs.getString("name"),
        Currency.getInstance(rs.getString("currency")),
        ZoneId.of(rs.getString("zone")),
        new CashRounding(
            SqliteValues.decimal(rs.getString("cash_increment")),
            RoundingMode.valueOf(rs.getString("cash_mode")),
            CashRounding.Scope.valueOf(rs.getString("cash_rounding_scope"))));
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

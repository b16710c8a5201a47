package io.vruksha.retail.postgres;

import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** {@link Stores} on PostgreSQL. Thread-safe. */
public final class PostgresStores implements Stores {

  private final PostgresUnitOfWork work;

  /** The stores of {@code db}. */
  public PostgresStores(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Store s) {
    work.with(
        h -> {
          Optional<Store> before =
              h.createQuery("SELECT * FROM stores WHERE store_id = :id")
                  .bind("id", s.id().value())
                  .map((rs, ctx) -> read(rs))
                  .findOne();
          Audit.record(h, "store", s.id().value(), before, Optional.of(s));
          return h.createUpdate(
                  "INSERT INTO stores (store_id, name, currency, zone, cash_increment, cash_mode,"
                      + " cash_rounding_scope) VALUES (:id, :n, :c, :z, :inc, :mode, :scope)"
                      + " ON CONFLICT (store_id) DO UPDATE SET name = :n, currency = :c, zone = :z,"
                      + " cash_increment = :inc, cash_mode = :mode, cash_rounding_scope = :scope")
              .bind("id", s.id().value())
              .bind("n", s.name())
              .bind("c", s.currency().getCurrencyCode())
              .bind("z", s.zone().getId())
              .bind("inc", s.cashRounding().increment())
              .bind("mode", s.cashRounding().mode().name())
              .bind("scope", s.cashRounding().scope().name())
              .execute();
        });
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
            h.createQuery("SELECT * FROM stores ORDER BY store_id")
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
            rs.getBigDecimal("cash_increment").stripTrailingZeros(),
            RoundingMode.valueOf(rs.getString("cash_mode")),
            CashRounding.Scope.valueOf(rs.getString("cash_rounding_scope"))));
  }
}

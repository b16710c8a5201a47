package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;
import java.util.Optional;

/**
 * {@link Shifts} on SQLite: each shift as a JSON document beside its store, register, opening
 * instant and whether it is open; a partial unique index keeps at most one open shift per register,
 * as in PostgreSQL. Listed by opening instant, then id. Thread-safe (one writer at a time).
 */
public final class SqliteShifts implements Shifts, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The shifts of {@code db}. */
  public SqliteShifts(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Shift s) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO shifts VALUES (:id, :s, :r, :at, :open, :doc)"
                        + " ON CONFLICT (shift_id) DO UPDATE SET store_id = :s, register_id = :r,"
                        + " opened_at = :at, open = :open, document = :doc")
                .bind("id", s.id())
                .bind("s", s.store().value())
                .bind("r", s.registerId())
                .bind("at", SqliteValues.micros(s.openedAt()))
                .bind("open", s.open() ? 1 : 0)
                .bind("doc", DocumentJson.write(s))
                .execute());
  }

  @Override
  public Optional<Shift> find(String shiftId) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM shifts WHERE shift_id = :id")
                .bind("id", shiftId)
                .mapTo(String.class)
                .findOne()
                .map(SqliteShifts::read));
  }

  @Override
  public Optional<Shift> openOn(StoreId store, String registerId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM shifts"
                        + " WHERE store_id = :s AND register_id = :r AND open = 1")
                .bind("s", store.value())
                .bind("r", registerId)
                .mapTo(String.class)
                .findOne()
                .map(SqliteShifts::read));
  }

  @Override
  public List<Shift> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM shifts WHERE store_id = :s"
                        + " ORDER BY opened_at, shift_id COLLATE JAVA")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(SqliteShifts::read)
                .list());
  }

  @Override
  public List<Shift> list(
      StoreId store, Optional<String> registerId, Optional<Boolean> open, int limit) {
    StringBuilder sql = new StringBuilder("SELECT document FROM shifts WHERE store_id = :s");
    registerId.ifPresent(r -> sql.append(" AND register_id = :r"));
    open.ifPresent(o -> sql.append(" AND open = :open"));
    sql.append(" ORDER BY opened_at DESC, shift_id COLLATE JAVA DESC LIMIT :limit");
    return work.with(
        h -> {
          var query = h.createQuery(sql.toString()).bind("s", store.value());
          registerId.ifPresent(r -> query.bind("r", r));
          open.ifPresent(o -> query.bind("open", o ? 1 : 0));
          return query
              .bind("limit", Math.max(limit, 0))
              .mapTo(String.class)
              .map(SqliteShifts::read)
              .list();
        });
  }

  private static Shift read(String document) {
    return DocumentJson.read(document, Shift.class);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

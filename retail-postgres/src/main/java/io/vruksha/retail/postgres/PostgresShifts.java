package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * {@link Shifts} on PostgreSQL ({@code pos_sessions}); a partial unique index keeps at most one
 * open shift per register even if two tills open it at once. Thread-safe.
 */
public final class PostgresShifts implements Shifts, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The shifts of {@code db}. */
  public PostgresShifts(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(Shift s) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO pos_sessions VALUES (:id, :s, :r, :at, :open, CAST(:doc AS jsonb))"
                        + " ON CONFLICT (shift_id) DO UPDATE SET open = EXCLUDED.open, document = EXCLUDED.document")
                .bind("id", s.id())
                .bind("s", s.store().value())
                .bind("r", s.registerId())
                .bind("at", Timestamp.from(s.openedAt()))
                .bind("open", s.open())
                .bind("doc", DocumentJson.write(s))
                .execute());
  }

  @Override
  public Optional<Shift> find(String shiftId) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM pos_sessions WHERE shift_id = :id")
                .bind("id", shiftId)
                .mapTo(String.class)
                .findOne()
                .map(doc -> DocumentJson.read(doc, Shift.class)));
  }

  @Override
  public Optional<Shift> openOn(StoreId store, String registerId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM pos_sessions WHERE store_id = :s AND register_id = :r AND open")
                .bind("s", store.value())
                .bind("r", registerId)
                .mapTo(String.class)
                .findOne()
                .map(doc -> DocumentJson.read(doc, Shift.class)));
  }

  @Override
  public List<Shift> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document::text FROM pos_sessions WHERE store_id = :s ORDER BY opened_at, shift_id")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(doc -> DocumentJson.read(doc, Shift.class))
                .list());
  }

  @Override
  public List<Shift> list(
      StoreId store, Optional<String> registerId, Optional<Boolean> open, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT document::text FROM pos_sessions WHERE store_id = :s");
    registerId.ifPresent(r -> sql.append(" AND register_id = :r"));
    open.ifPresent(o -> sql.append(o ? " AND open" : " AND NOT open"));
    sql.append(" ORDER BY opened_at DESC, shift_id DESC LIMIT :limit");
    return work.with(
        h -> {
          var query = h.createQuery(sql.toString()).bind("s", store.value());
          registerId.ifPresent(r -> query.bind("r", r));
          return query
              .bind("limit", limit)
              .mapTo(String.class)
              .map(doc -> DocumentJson.read(doc, Shift.class))
              .list();
        });
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

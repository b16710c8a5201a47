package io.vruksha.retail.sqlite;

import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@link Staff} on SQLite: members of staff, and their attendance keyed by member and clock-in (a
 * clock-out completes the period it started). A store's staff are listed by id, attendance oldest
 * first, as PostgreSQL lists them. Thread-safe (one writer at a time).
 */
public final class SqliteStaff implements Staff, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The staff of {@code db}. */
  public SqliteStaff(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(StaffMember m) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO staff VALUES (:id, :s, :n, :r) ON CONFLICT (staff_id)"
                        + " DO UPDATE SET store_id = :s, name = :n, role = :r")
                .bind("id", m.staffId())
                .bind("s", m.store().value())
                .bind("n", m.name())
                .bind("r", m.role().name())
                .execute());
  }

  @Override
  public Optional<StaffMember> find(String staffId) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM staff WHERE staff_id = :id")
                .bind("id", staffId)
                .map((rs, ctx) -> read(rs))
                .findOne());
  }

  @Override
  public List<StaffMember> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM staff WHERE store_id = :s ORDER BY staff_id COLLATE JAVA")
                .bind("s", store.value())
                .map((rs, ctx) -> read(rs))
                .list());
  }

  private static StaffMember read(ResultSet rs) throws SQLException {
    return new StaffMember(
        rs.getString("staff_id"),
        rs.getString("name"),
        StoreId.of(rs.getString("store_id")),
        Role.valueOf(rs.getString("role")));
  }

  @Override
  public void saveAttendance(Attendance a) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_attendance VALUES (:id, :s, :in, :out)"
                        + " ON CONFLICT (staff_id, clocked_in)"
                        + " DO UPDATE SET store_id = :s, clocked_out = :out")
                .bind("id", a.staffId())
                .bind("s", a.store().value())
                .bind("in", SqliteValues.micros(a.in()))
                .bind("out", a.out().map(SqliteValues::micros).orElse(null))
                .execute());
  }

  @Override
  public List<Attendance> attendance(String staffId) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM staff_attendance WHERE staff_id = :id ORDER BY clocked_in")
                .bind("id", staffId)
                .map(
                    (rs, ctx) ->
                        new Attendance(
                            staffId,
                            StoreId.of(rs.getString("store_id")),
                            SqliteValues.instant(rs.getLong("clocked_in")),
                            Rows.instant(rs, "clocked_out")))
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

package io.vruksha.retail.postgres;

import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.store.StoreId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** {@link Staff} on PostgreSQL ({@code users}, {@code employee_attendance}). Thread-safe. */
public final class PostgresStaff implements Staff {

  private final PostgresUnitOfWork work;

  /** The staff of {@code db}. */
  public PostgresStaff(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void save(StaffMember m) {
    work.with(
        h -> {
          Optional<StaffMember> before =
              h.createQuery("SELECT * FROM users WHERE staff_id = :id")
                  .bind("id", m.staffId())
                  .map((rs, ctx) -> read(rs))
                  .findOne();
          Audit.record(h, "staff", m.staffId(), before, Optional.of(m));
          return h.createUpdate(
                  "INSERT INTO users VALUES (:id, :s, :n, :r) ON CONFLICT (staff_id) DO UPDATE SET store_id = :s, name = :n, role = :r")
              .bind("id", m.staffId())
              .bind("s", m.store().value())
              .bind("n", m.name())
              .bind("r", m.role().name())
              .execute();
        });
  }

  @Override
  public Optional<StaffMember> find(String staffId) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM users WHERE staff_id = :id")
                .bind("id", staffId)
                .map((rs, ctx) -> read(rs))
                .findOne());
  }

  /**
   * Through {@code staff_highest_role}, which sees every store's staff and answers only the role.
   */
  @Override
  public Optional<Role> highestRole(String staffId) {
    return work.with(
        h ->
            h.createQuery("SELECT staff_highest_role(:id)")
                .bind("id", staffId)
                .mapTo(String.class)
                .findOne()
                .map(Role::valueOf));
  }

  @Override
  public List<StaffMember> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM users WHERE store_id = :s ORDER BY staff_id")
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
                    "INSERT INTO employee_attendance VALUES (:id, :s, :in, :out)"
                        + " ON CONFLICT (staff_id, clocked_in) DO UPDATE SET clocked_out = :out")
                .bind("id", a.staffId())
                .bind("s", a.store().value())
                .bind("in", Timestamp.from(a.in()))
                .bind("out", a.out().map(Timestamp::from).orElse(null))
                .execute());
  }

  @Override
  public List<Attendance> attendance(String staffId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM employee_attendance WHERE staff_id = :id ORDER BY clocked_in")
                .bind("id", staffId)
                .map(
                    (rs, ctx) ->
                        new Attendance(
                            staffId,
                            StoreId.of(rs.getString("store_id")),
                            rs.getTimestamp("clocked_in").toInstant(),
                            Optional.ofNullable(rs.getTimestamp("clocked_out"))
                                .map(Timestamp::toInstant)))
                .list());
  }
}

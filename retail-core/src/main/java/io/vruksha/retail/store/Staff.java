package io.vruksha.retail.store;

import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: staff and their attendance (clock-in and clock-out). Implementations must be thread-safe.
 */
public interface Staff {

  /** Creates or replaces a member of staff. */
  void save(StaffMember member);

  /** The member of staff with this id. */
  Optional<StaffMember> find(String staffId);

  /**
   * The role of the member of staff with this id, whichever store they belong to: what a change of
   * that member must not exceed. Adapters that hide other stores' rows (PostgreSQL's row-level
   * security) still answer it, and nothing else about the member. The default asks {@link #find}.
   */
  default Optional<Role> highestRole(String staffId) {
    return find(staffId).map(StaffMember::role);
  }

  /** A store's staff. */
  List<StaffMember> list(StoreId store);

  /**
   * One attended period.
   *
   * @param staffId who
   * @param store where
   * @param in clocked in
   * @param out clocked out, empty while still working
   */
  record Attendance(String staffId, StoreId store, Instant in, Optional<Instant> out) {
    /** Keeps clock-in and clock-out to the microsecond, as every adapter stores them. */
    public Attendance {
      in = Instants.microsOrNull(in);
      out = out == null ? null : out.map(Instants::micros);
    }
  }

  /** Records an attendance period (a clock-in, or its completion by a clock-out). */
  void saveAttendance(Attendance attendance);

  /** Someone's attendance, oldest first. */
  List<Attendance> attendance(String staffId);
}

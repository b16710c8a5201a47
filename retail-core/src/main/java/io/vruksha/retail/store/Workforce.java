package io.vruksha.retail.store;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Sales;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Staff use cases: clock-in and clock-out, and the sales per cashier that commission is paid on.
 * Thread-safe when its ports are.
 */
public final class Workforce {

  private final Staff staff;
  private final Sales sales;
  private final Clock clock;

  /** A workforce over the given ports. */
  public Workforce(Staff staff, Sales sales, Clock clock) {
    this.staff = Objects.requireNonNull(staff, "staff");
    this.sales = Objects.requireNonNull(sales, "sales");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The staff port. */
  public Staff staff() {
    return staff;
  }

  /** Clocks a member of staff in; refused while they are already clocked in. */
  public Staff.Attendance clockIn(String staffId) {
    StaffMember member = member(staffId);
    if (open(staffId).isPresent()) {
      throw new RuleViolationException(ErrorCode.SHIFT_STATE, staffId + " is already clocked in");
    }
    Staff.Attendance a =
        new Staff.Attendance(staffId, member.store(), clock.instant(), Optional.empty());
    staff.saveAttendance(a);
    return a;
  }

  /** Clocks a member of staff out; refused when they are not clocked in. */
  public Staff.Attendance clockOut(String staffId) {
    Staff.Attendance in =
        open(staffId)
            .orElseThrow(
                () ->
                    new RuleViolationException(
                        ErrorCode.SHIFT_STATE, staffId + " is not clocked in"));
    Staff.Attendance done =
        new Staff.Attendance(staffId, in.store(), in.in(), Optional.of(clock.instant()));
    staff.saveAttendance(done);
    return done;
  }

  /** Net sales (tax excluded) per cashier in {@code [from, to)}, for commission. */
  public Map<String, Money> salesByCashier(StoreId store, Instant from, Instant to) {
    Map<String, Money> result = new TreeMap<>();
    for (Sale s : sales.list(store)) {
      if (!s.at().isBefore(from) && s.at().isBefore(to)) {
        result.merge(s.cashierId(), s.basket().net(), Money::plus);
      }
    }
    return result;
  }

  private StaffMember member(String staffId) {
    return staff
        .find(staffId)
        .orElseThrow(
            () -> new NotFoundException(ErrorCode.NOT_FOUND, "no staff member " + staffId));
  }

  private Optional<Staff.Attendance> open(String staffId) {
    return staff.attendance(staffId).stream().filter(a -> a.out().isEmpty()).findFirst();
  }
}

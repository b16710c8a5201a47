package io.vruksha.retail.memory;

import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Staff} in memory. Thread-safe (one monitor). */
public final class InMemoryStaff implements Staff {

  private final Map<String, StaffMember> members = new LinkedHashMap<>();
  private final Map<String, List<Attendance>> attendance = new HashMap<>();

  @Override
  public synchronized void save(StaffMember member) {
    members.put(member.staffId(), member);
  }

  @Override
  public synchronized Optional<StaffMember> find(String staffId) {
    return Optional.ofNullable(members.get(staffId));
  }

  @Override
  public synchronized List<StaffMember> list(StoreId store) {
    // as PostgreSQL lists them: by staff id
    return members.values().stream()
        .filter(m -> m.store().equals(store))
        .sorted(Comparator.comparing(StaffMember::staffId))
        .toList();
  }

  @Override
  public synchronized void saveAttendance(Attendance record) {
    // as PostgreSQL keeps them: one period per staff member and clock-in, listed by clock-in
    List<Attendance> list = attendance.computeIfAbsent(record.staffId(), k -> new ArrayList<>());
    list.removeIf(a -> a.in().equals(record.in()));
    list.add(record);
    list.sort(Comparator.comparing(Attendance::in));
  }

  @Override
  public synchronized List<Attendance> attendance(String staffId) {
    return List.copyOf(attendance.getOrDefault(staffId, List.of()));
  }
}

package io.vruksha.retail.memory;

import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
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
    return members.values().stream().filter(m -> m.store().equals(store)).toList();
  }

  @Override
  public synchronized void saveAttendance(Attendance record) {
    List<Attendance> list = attendance.computeIfAbsent(record.staffId(), k -> new ArrayList<>());
    if (!list.isEmpty() && list.get(list.size() - 1).in().equals(record.in())) {
      list.set(list.size() - 1, record);
    } else {
      list.add(record);
    }
  }

  @Override
  public synchronized List<Attendance> attendance(String staffId) {
    return List.copyOf(attendance.getOrDefault(staffId, List.of()));
  }
}

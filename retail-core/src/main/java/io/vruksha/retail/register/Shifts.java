package io.vruksha.retail.register;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/** Port: register shifts. Implementations must be thread-safe; saves join the unit of work. */
public interface Shifts {

  /** Creates or replaces a shift. */
  void save(Shift shift);

  /** The shift with this id. */
  Optional<Shift> find(String shiftId);

  /** The open shift of a register, if any. */
  Optional<Shift> openOn(StoreId store, String registerId);

  /** Every shift of a store, oldest first. */
  List<Shift> list(StoreId store);

  /**
   * The store's shifts, newest first, of one register if {@code registerId} is given, open or
   * closed if {@code open} is given, at most {@code limit}: filtered by the adapter.
   */
  List<Shift> list(StoreId store, Optional<String> registerId, Optional<Boolean> open, int limit);
}

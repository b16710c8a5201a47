package io.vruksha.retail.store;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.Objects;

/**
 * A member of a store's staff.
 *
 * @param staffId the identity, printed on receipts
 * @param name the name
 * @param store the store they work in
 * @param role their role
 */
public record StaffMember(String staffId, String name, StoreId store, Role role) {

  /** Validates the id and name. */
  public StaffMember {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(role, "role");
    if (staffId == null || staffId.isBlank() || name == null || name.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a member of staff needs an id and a name");
    }
  }

  /** The actor this member of staff acts as, with their role's permissions. */
  public Actor actor() {
    return new Actor(staffId, role.permissions());
  }
}

package io.vruksha.retail.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * A member of staff's role and the permissions it grants; each role has those of the one before.
 */
public enum Role {
  /** Rings up sales at list price. */
  CASHIER(EnumSet.noneOf(Permission.class)),
  /** Overrides prices, gives discounts, refunds, opens the drawer. */
  SUPERVISOR(
      EnumSet.of(
          Permission.PRICE_OVERRIDE,
          Permission.LINE_DISCOUNT,
          Permission.BASKET_DISCOUNT,
          Permission.REFUND,
          Permission.OPEN_DRAWER)),
  /** Also sells below cost and takes returns without a receipt. */
  MANAGER(EnumSet.allOf(Permission.class)),
  /** Everything. */
  ADMIN(EnumSet.allOf(Permission.class));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  /** What the role may do. */
  public Set<Permission> permissions() {
    return permissions;
  }
}

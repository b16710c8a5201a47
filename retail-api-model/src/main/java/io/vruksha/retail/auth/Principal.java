package io.vruksha.retail.auth;

import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Who a verified token speaks for: a member of staff or an API client, their role, and the stores
 * the token may touch ({@code *} for every store).
 *
 * @param subject the staff id or client name
 * @param role the role, whose permissions feed the engine's checks
 * @param stores the store ids the token may touch, or {@code *}
 * @param expiresAt when the token stops being accepted
 */
public record Principal(String subject, Role role, Set<String> stores, Instant expiresAt) {

  /** Every store. */
  public static final String ALL_STORES = "*";

  /** Copies the stores. */
  public Principal {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    stores = Set.copyOf(stores);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the token may touch {@code store}. */
  public boolean mayAccess(StoreId store) {
    return stores.contains(ALL_STORES) || stores.contains(store.value());
  }

  /** Whether the role is {@code minimum} or above. */
  public boolean atLeast(Role minimum) {
    return role.ordinal() >= minimum.ordinal();
  }

  /** The engine's actor for this principal: its subject with its role's permissions. */
  public Actor actor() {
    return new Actor(subject, role.permissions());
  }
}

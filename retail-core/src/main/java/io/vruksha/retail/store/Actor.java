package io.vruksha.retail.store;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.PermissionDeniedException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking the engine to do something, with the permissions their role grants.
 *
 * @param staffId the member of staff (or system user) acting
 * @param permissions what they may do
 */
public record Actor(String staffId, Set<Permission> permissions) {

  /** Copies the permission set. */
  public Actor {
    Objects.requireNonNull(staffId, "staffId");
    permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
  }

  /** A cashier with no extra permissions. */
  public static Actor cashier(String staffId) {
    return new Actor(staffId, Set.of());
  }

  /** A supervisor holding every permission. */
  public static Actor supervisor(String staffId) {
    return new Actor(staffId, EnumSet.allOf(Permission.class));
  }

  /** True when this actor holds {@code permission}. */
  public boolean has(Permission permission) {
    return permissions.contains(permission);
  }

  /** Throws {@link PermissionDeniedException} unless this actor holds {@code permission}. */
  public void require(Permission permission, String forWhat) {
    if (!has(permission)) {
      throw new PermissionDeniedException(
          ErrorCode.PERMISSION_REQUIRED,
          staffId + " needs the " + permission + " permission to " + forWhat);
    }
  }
}

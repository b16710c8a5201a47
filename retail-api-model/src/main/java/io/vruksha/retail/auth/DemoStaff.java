package io.vruksha.retail.auth;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo store's staff and their demo secrets: one list, which the server's demo mode and {@code
 * retail demo seed} both add, so the README's logins work in either.
 */
public final class DemoStaff {

  /** The demo admin's password (demo mode only). */
  public static final String ADMIN_PASSWORD = "demo-admin-1";

  /** The demo manager max's password (demo mode only). */
  public static final String MANAGER_PASSWORD = "demo-manager-1";

  /** The demo manager max's PIN (demo mode only). */
  public static final String MANAGER_PIN = "7391";

  /** The demo cashier anna's PIN (demo mode only). */
  public static final String CASHIER_PIN = "4826";

  /** The demo store's staff: an admin, a manager and a cashier. */
  public static final List<StaffMember> STAFF =
      List.of(
          new StaffMember("admin", "Demo Admin", DemoStore.ID, Role.ADMIN),
          new StaffMember("max", "Max Manager", DemoStore.ID, Role.MANAGER),
          new StaffMember("anna", "Anna Cashier", DemoStore.ID, Role.CASHIER));

  private DemoStaff() {}

  /**
   * Adds {@link #STAFF} with their demo secrets (admin: password {@value #ADMIN_PASSWORD}; max:
   * {@value #MANAGER_PASSWORD}, PIN {@value #MANAGER_PIN}; anna: PIN {@value #CASHIER_PIN}), with
   * the default login settings (bcrypt cost 10, the default secret policy).
   */
  public static void add(RetailEngine engine) {
    Clock clock = Clock.systemUTC();
    add(
        engine,
        new Logins(
            engine,
            new Passwords(10),
            new Tokens(Tokens.randomSecret(), clock), // issues none here
            clock,
            Credentials.Throttling.DEFAULT,
            new SecretPolicy(
                SecretPolicy.DEFAULT_PASSWORD_MIN_LENGTH, SecretPolicy.DEFAULT_PIN_MIN_LENGTH),
            Duration.ofHours(8)));
  }

  /** Adds {@link #STAFF} with their demo secrets through {@code logins}. */
  public static void add(RetailEngine engine, Logins logins) {
    // as the application role, the demo store's scope admits its staff and their secrets
    engine.inStore(
        DemoStore.ID,
        () -> {
          STAFF.forEach(engine.workforce().staff()::save);
          logins.setSecrets("admin", Optional.of(ADMIN_PASSWORD), Optional.empty());
          logins.setSecrets("max", Optional.of(MANAGER_PASSWORD), Optional.of(MANAGER_PIN));
          logins.setSecrets("anna", Optional.empty(), Optional.of(CASHIER_PIN));
          return null;
        });
  }
}

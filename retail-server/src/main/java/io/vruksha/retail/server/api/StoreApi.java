package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores and their staff. */
public final class StoreApi {

  private static final Logger LOG = LoggerFactory.getLogger(StoreApi.class);

  private StoreApi() {}

  /**
   * A store as the API shows it.
   *
   * @param id its id
   * @param name its name
   * @param currency its currency
   * @param zone its time zone
   * @param cashRounding how it rounds what is paid to its smallest coin; null when it does not
   */
  public record StoreView(
      String id,
      String name,
      String currency,
      String zone,
      Optional<CashRoundingView> cashRounding) {
    static StoreView of(Store s) {
      return new StoreView(
          s.id().value(),
          s.name(),
          s.currency().getCurrencyCode(),
          s.zone().getId(),
          CashRoundingView.of(s.cashRounding()));
    }
  }

  /**
   * How a store rounds what is paid to its smallest coin (docs/pricing-and-tax.md).
   *
   * @param increment the smallest coin, e.g. 0.05
   * @param mode how an amount is rounded to it (HALF_UP: the Swiss rule, x.025 to x.05)
   * @param scope CASH: only what is paid in cash is rounded; EVERY_TENDER: the document's total,
   *     whatever pays it
   */
  public record CashRoundingView(
      BigDecimal increment, RoundingMode mode, CashRounding.Scope scope) {
    static Optional<CashRoundingView> of(CashRounding r) {
      return r.increment().signum() == 0
          ? Optional.empty()
          : Optional.of(new CashRoundingView(r.increment(), r.mode(), r.scope()));
    }
  }

  /**
   * A store's rounding to its smallest coin, as a request gives it.
   *
   * @param increment the smallest coin, above zero, in whole minor units of the store's currency
   *     (0.05 for CHF; 1 for SEK)
   * @param mode how to round to it: HALF_UP (the default, the Swiss rule), HALF_EVEN, HALF_DOWN,
   *     UP, DOWN, CEILING or FLOOR
   * @param scope CASH (the default): only cash payments are rounded; EVERY_TENDER: the document's
   *     total, on a card too
   */
  public record CashRoundingRequest(
      BigDecimal increment, Optional<RoundingMode> mode, Optional<CashRounding.Scope> scope) {}

  /**
   * A new store, or a store's new state (it replaces the stored one).
   *
   * @param id its id
   * @param name its name
   * @param currency ISO 4217 code
   * @param zone IANA time zone, e.g. Europe/Berlin
   * @param cashRounding how it rounds what is paid to its smallest coin; none when left out
   */
  public record StoreRequest(
      String id,
      String name,
      String currency,
      String zone,
      Optional<CashRoundingRequest> cashRounding) {}

  /**
   * A member of staff as the API shows them.
   *
   * @param staffId their id
   * @param name their name
   * @param storeId their store
   * @param role their role
   */
  public record StaffView(String staffId, String name, String storeId, String role) {
    static StaffView of(StaffMember m) {
      return new StaffView(m.staffId(), m.name(), m.store().value(), m.role().name());
    }
  }

  /**
   * A new or changed member of staff.
   *
   * @param staffId their id
   * @param name their name
   * @param role CASHIER, SUPERVISOR, MANAGER or ADMIN (at most the caller's own)
   * @param password a password to log in with (8 characters to 72 bytes in UTF-8), optional
   * @param pin a PIN to log in with at the till (4 to 8 digits), optional
   */
  public record StaffRequest(
      String staffId, String name, Role role, Optional<String> password, Optional<String> pin) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/stores")
            .doc("stores", "The stores this token may touch")
            .anyStore(Role.CASHIER)
            .returns(StoreView[].class)
            .to(
                call ->
                    s.engine().stores().all().stream()
                        .filter(st -> call.principal().mayAccess(st.id()))
                        .map(StoreView::of)
                        .toList()),
        route(POST, "/api/v1/stores")
            .doc(
                "stores",
                "Create or replace a store, with its cash rounding (an admin token for every"
                    + " store)")
            .anyStore(Role.ADMIN)
            .body(StoreRequest.class)
            .returns(StoreView.class)
            .created()
            .to(
                call -> {
                  if (!call.principal().stores().contains(Principal.ALL_STORES)) {
                    throw ApiProblem.forbidden("creating a store needs a token for every store");
                  }
                  StoreRequest r = call.body(StoreRequest.class);
                  Currency currency = currency(r.currency());
                  Store store =
                      new Store(
                          StoreId.of(required(r.id(), "id")),
                          r.name(),
                          currency,
                          zone(r.zone()),
                          cashRounding(r.cashRounding(), currency));
                  // the new store's own scope: row-level security admits writes of its rows only
                  s.engine()
                      .inStore(
                          store.id(),
                          () -> {
                            s.engine().stores().save(store);
                            return null;
                          });
                  return StoreView.of(store);
                }),
        route(GET, "/api/v1/stores/{storeId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("stores", "One store")
            .returns(StoreView.class)
            .to(
                call ->
                    StoreView.of(
                        s.engine()
                            .stores()
                            .find(call.store())
                            .orElseThrow(() -> ApiProblem.notFound("no store " + call.store())))),
        route(GET, "/api/v1/stores/{storeId}/staff")
            .doc("staff", "The store's staff")
            .role(Role.MANAGER)
            .returns(StaffView[].class)
            .to(
                call ->
                    s.engine().workforce().staff().list(call.store()).stream()
                        .map(StaffView::of)
                        .toList()),
        route(POST, "/api/v1/stores/{storeId}/staff")
            .errors(ErrorCode.DUPLICATE)
            .doc("staff", "Create or change a member of staff, with their password and PIN")
            .role(Role.MANAGER)
            .body(StaffRequest.class)
            .returns(StaffView.class)
            .created()
            .to(
                call -> {
                  StaffRequest r = call.body(StaffRequest.class);
                  Role role = r.role();
                  if (role.ordinal() > call.principal().role().ordinal()) {
                    throw ApiProblem.forbidden(
                        "a " + call.principal().role() + " cannot create a " + role);
                  }
                  // the target's role in every store, whatever this call's scope may see: a
                  // manager never changes (demotes, re-passwords) anyone above them
                  Optional<Role> current = s.engine().workforce().staff().highestRole(r.staffId());
                  Optional<StaffMember> existing = s.engine().workforce().staff().find(r.staffId());
                  if (current.isPresent()
                      && (existing.isEmpty() || !existing.get().store().equals(call.store()))) {
                    // staff ids are global (a login is by id): one of another store is taken,
                    // whatever its role, with one answer that names no store and no role
                    throw new InvalidInputException(ErrorCode.DUPLICATE, takenAnswer(r.staffId()));
                  }
                  if (current.isPresent()
                      && current.get().ordinal() > call.principal().role().ordinal()) {
                    throw ApiProblem.forbidden(
                        "a " + call.principal().role() + " cannot change a " + current.get());
                  }
                  Optional<String> password =
                      r.password() == null ? Optional.empty() : r.password();
                  Optional<String> pin = r.pin() == null ? Optional.empty() : r.pin();
                  // refuse bad secrets before anything is saved
                  s.logins().checkSecrets(r.staffId(), password, pin);
                  StaffMember member = new StaffMember(r.staffId(), r.name(), call.store(), role);
                  // a new member (or an id made again) or a new role: earlier tokens end
                  boolean endTokens = existing.isEmpty() || existing.get().role() != role;
                  s.engine()
                      .inStore(
                          call.store(),
                          () -> {
                            s.engine().workforce().staff().save(member);
                            s.logins().setSecrets(member.staffId(), password, pin);
                            if (endTokens) {
                              s.engine().credentials().nextTokenVersion(member.staffId());
                            }
                            return null;
                          });
                  return StaffView.of(member);
                }),
        lockRoute(s, true),
        lockRoute(s, false));
  }

  /**
   * {@code POST .../staff/{staffId}/lock} and {@code .../unlock}: a manager of the member's store
   * (an admin anywhere) locks a member of staff out (every login refused, their tokens ended) or
   * lets them back in (every failed login forgotten, from every address). Nobody above the caller's
   * own role, and not themselves. Audited, and logged.
   */
  private static ApiRoute lockRoute(ServerContext s, boolean lock) {
    String verb = lock ? "lock" : "unlock";
    return route(POST, "/api/v1/stores/{storeId}/staff/{staffId}/" + verb)
        .errors(ErrorCode.NOT_FOUND)
        .doc(
            "staff",
            lock
                ? "Lock a member of staff out: every login refused, their tokens end"
                : "Unlock a member of staff: lifts a lock and forgets every failed login")
        .role(Role.MANAGER)
        .returns(StaffView.class)
        .to(
            call -> {
              String staffId = call.context().pathParam("staffId");
              StaffMember member =
                  s.engine()
                      .workforce()
                      .staff()
                      .find(staffId)
                      .filter(m -> m.store().equals(call.store()))
                      .orElseThrow(
                          () ->
                              ApiProblem.notFound(
                                  "no member of staff " + staffId + " in store " + call.store()));
              Role highest = s.engine().workforce().staff().highestRole(staffId).orElseThrow();
              if (highest.ordinal() > call.principal().role().ordinal()) {
                throw ApiProblem.forbidden(
                    "a " + call.principal().role() + " cannot " + verb + " a " + highest);
              }
              if (lock && staffId.equals(call.principal().subject())) {
                throw ApiProblem.forbidden("nobody can lock themselves out");
              }
              s.engine()
                  .inStore(
                      call.store(),
                      () -> {
                        s.engine()
                            .credentials()
                            .setLocked(staffId, lock, call.principal().subject());
                        return null;
                      });
              LOG.info(
                  "staff {} of store {} {}ed by {}",
                  staffId,
                  call.store(),
                  verb,
                  call.principal().subject());
              return StaffView.of(member);
            });
  }

  /**
   * The 409 for a staff id another store uses: the same for every such id, whichever store and role
   * hold it. It still says the id exists somewhere — ids are global, so a free one must be told
   * apart — an accepted residual risk on a manager-only, rate-limited route (docs/security.md).
   */
  static String takenAnswer(String staffId) {
    return "staff id " + staffId + " is taken: choose another";
  }

  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, field + " is required", List.of(field));
    }
    return value;
  }

  private static Currency currency(String code) {
    try {
      return Currency.getInstance(required(code, "currency"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "'" + code + "' is not an ISO 4217 currency", List.of("currency"));
    }
  }

  /** The rounding a request asks for: none when left out; refused if no coin can pay it. */
  static CashRounding cashRounding(Optional<CashRoundingRequest> asked, Currency currency) {
    if (asked == null || asked.isEmpty()) {
      return CashRounding.NONE;
    }
    CashRoundingRequest r = asked.get();
    List<String> field = List.of("cashRounding.increment");
    if (r.increment() == null || r.increment().signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "cashRounding.increment must be above zero (leave cashRounding out for none), was "
              + (r.increment() == null ? "nothing" : r.increment().toPlainString()),
          field);
    }
    if (r.increment().stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "cashRounding.increment "
              + r.increment().toPlainString()
              + " is finer than "
              + currency.getCurrencyCode()
              + "'s smallest unit: no coin pays it",
          field);
    }
    RoundingMode mode =
        r.mode() == null ? RoundingMode.HALF_UP : r.mode().orElse(RoundingMode.HALF_UP);
    if (mode == RoundingMode.UNNECESSARY) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "cashRounding.mode UNNECESSARY cannot round to a coin: use HALF_UP, HALF_EVEN, HALF_DOWN,"
              + " UP, DOWN, CEILING or FLOOR",
          List.of("cashRounding.mode"));
    }
    CashRounding.Scope scope =
        r.scope() == null ? CashRounding.Scope.CASH : r.scope().orElse(CashRounding.Scope.CASH);
    return new CashRounding(r.increment(), mode, scope);
  }

  private static ZoneId zone(String zone) {
    try {
      return ZoneId.of(required(zone, "zone"));
    } catch (DateTimeException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "'" + zone + "' is not a time zone", List.of("zone"));
    }
  }

  static Role role(String role) {
    try {
      return Role.valueOf(required(role, "role"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + role + "' is not a role: CASHIER, SUPERVISOR, MANAGER or ADMIN",
          List.of("role"));
    }
  }
}

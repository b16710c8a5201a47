package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.store.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Registers and shifts: open with a float, cash in and out, X report, counted close with its Z. */
public final class RegisterApi {

  private RegisterApi() {}

  /**
   * Opening a shift.
   *
   * @param registerId the register (till)
   * @param openingFloat the cash in the drawer
   */
  public record OpenShift(String registerId, MoneyIn openingFloat) {}

  /**
   * Cash put into (positive) or taken out of (negative) the drawer.
   *
   * @param amount signed amount
   * @param reason why
   */
  public record CashMovement(MoneyIn amount, String reason) {}

  /**
   * Closing a shift with the drawer counted.
   *
   * @param counted what was counted per tender (CASH at least), e.g. {"CASH": {...}}
   */
  public record CloseShift(Map<String, MoneyIn> counted) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(POST, "/api/v1/stores/{storeId}/shifts")
            .errors(ErrorCode.SHIFT_STATE, ErrorCode.CURRENCY_MISMATCH)
            .doc("registers", "Open a register shift with its float")
            .body(OpenShift.class)
            .returns(Shift.class)
            .created()
            .to(
                call -> {
                  OpenShift o = call.body(OpenShift.class);
                  if (o.openingFloat() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "openingFloat is required", List.of("openingFloat"));
                  }
                  String register = StoreApi.required(o.registerId(), "registerId");
                  try {
                    return s.engine()
                        .registers()
                        .open(
                            call.store(),
                            register,
                            Views.money(o.openingFloat(), "openingFloat"),
                            call.actor());
                  } catch (RuleViolationException e) {
                    Optional<Shift> open =
                        e.code() == ErrorCode.SHIFT_STATE
                            ? s.engine().registers().shifts().openOn(call.store(), register)
                            : Optional.empty();
                    if (open.isEmpty()) {
                      throw e;
                    }
                    // the open shift's id as a field too: a till that restarted carries on with it
                    throw new ApiProblem(
                        409,
                        e.code().code(),
                        e.getMessage(),
                        e.details(),
                        Map.of("shiftId", open.get().id()));
                  }
                }),
        route(GET, "/api/v1/stores/{storeId}/shifts")
            .doc(
                "registers",
                "The store's shifts, newest first; ?register=till-1&status=OPEN is a register's"
                    + " open shift")
            .query(
                QueryParam.text("register", "the shifts of this register (till)"),
                QueryParam.oneOf("status", List.of("OPEN", "CLOSED"), "open or closed shifts"),
                QueryParam.limit(100, 1000))
            .returns(Shift[].class)
            .to(
                call ->
                    s.engine()
                        .registers()
                        .shifts()
                        .list(
                            call.store(),
                            call.query("register"),
                            call.query("status").map("OPEN"::equals),
                            call.query("limit").map(Integer::parseInt).orElse(100))),
        route(GET, "/api/v1/stores/{storeId}/shifts/{shiftId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("registers", "One shift, with its cash movements and its closing report")
            .returns(Shift.class)
            .to(call -> shift(s, call)),
        route(GET, "/api/v1/stores/{storeId}/shifts/{shiftId}/x-report")
            .errors(ErrorCode.NOT_FOUND)
            .doc("registers", "The X report: the shift so far, changing nothing")
            .returns(ShiftReport.class)
            .to(call -> s.engine().registers().xReport(shift(s, call).id())),
        route(POST, "/api/v1/stores/{storeId}/shifts/{shiftId}/cash-movements")
            .errors(
                ErrorCode.NOT_FOUND,
                ErrorCode.SHIFT_STATE,
                ErrorCode.PERMISSION_REQUIRED,
                ErrorCode.CURRENCY_MISMATCH)
            .doc("registers", "Cash in or out of the drawer (needs OPEN_DRAWER)")
            .role(Role.SUPERVISOR)
            .body(CashMovement.class)
            .returns(Shift.class)
            .created()
            .to(
                call -> {
                  CashMovement m = call.body(CashMovement.class);
                  if (m.amount() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "amount is required", List.of("amount"));
                  }
                  return s.engine()
                      .registers()
                      .moveCash(
                          shift(s, call).id(),
                          Views.money(m.amount(), "amount"),
                          StoreApi.required(m.reason(), "reason"),
                          call.actor());
                }),
        route(POST, "/api/v1/stores/{storeId}/shifts/{shiftId}/close")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE, ErrorCode.CURRENCY_MISMATCH)
            .doc("registers", "Close the shift with the drawer counted: the Z report, chained")
            .body(CloseShift.class)
            .returns(ShiftReport.class)
            .to(
                call -> {
                  CloseShift c = call.body(CloseShift.class);
                  if (c.counted() == null || c.counted().isEmpty()) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "counted needs at least CASH", List.of("counted"));
                  }
                  Map<String, Money> counted = new TreeMap<>();
                  c.counted().forEach((k, v) -> counted.put(k, Views.money(v, "counted." + k)));
                  return s.engine().registers().close(shift(s, call).id(), counted, call.actor());
                }));
  }

  private static Shift shift(ServerContext s, ApiCall call) {
    Optional<Shift> found = s.engine().registers().shifts().find(call.path("shiftId"));
    return Views.inStore(found, Shift::store, call.store(), "shift " + call.path("shiftId"));
  }
}

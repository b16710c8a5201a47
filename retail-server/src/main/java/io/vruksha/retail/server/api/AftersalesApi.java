package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.warranty.Warranty;
import io.vruksha.retail.warranty.WarrantyClaim;
import io.vruksha.retail.warranty.WarrantyPolicy;
import java.util.List;

/** Warranties on serialised items: policies, lookups by serial or receipt, claims. */
public final class AftersalesApi {

  private AftersalesApi() {}

  /**
   * A serialised SKU's warranty.
   *
   * @param sku the SKU
   * @param months the warranty period (0: serialised without a warranty)
   */
  public record PolicyBody(String sku, Integer months) {}

  /**
   * A warranty and its claims.
   *
   * @param warranty the warranty
   * @param claims the claims made, oldest first
   */
  public record WarrantyView(Warranty warranty, List<WarrantyClaim> claims) {}

  /**
   * A claim.
   *
   * @param description the fault, in the customer's words
   */
  public record ClaimBody(String description) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    String store = "/api/v1/stores/{storeId}";
    return List.of(
        route(POST, "/api/v1/warranty-policies")
            .errors(ErrorCode.SKU_UNKNOWN)
            .doc(
                "warranties",
                "Flag a SKU as serialised with its warranty period (an admin token for every store)")
            .anyStore(Role.ADMIN)
            .body(PolicyBody.class)
            .returns(WarrantyPolicy.class)
            .to(
                call -> {
                  // a policy is the chain's, per SKU: one store's admin must not change it
                  PolicyBody b = call.body(PolicyBody.class);
                  Sku sku = ChainSkuSettings.knownSku(s, call, "warranty policies", b.sku());
                  if (b.months() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "months is required", List.of("months"));
                  }
                  return s.engine().warranties().serialise(sku, b.months());
                }),
        route(GET, store + "/warranties")
            .doc("warranties", "The store's warranties, newest sale first (?receipt)")
            .query(QueryParam.text("receipt", "the warranties of this receipt number"))
            .returns(Warranty[].class)
            .to(
                call ->
                    call.query("receipt")
                        .map(r -> s.engine().warranties().byReceipt(call.store(), r))
                        .orElseGet(() -> s.engine().warranties().book().list(call.store()))),
        route(GET, store + "/warranties/{serial}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("warranties", "The warranty of a serial and its claims")
            .returns(WarrantyView.class)
            .to(
                call -> {
                  Warranty w = s.engine().warranties().bySerial(call.store(), call.path("serial"));
                  return new WarrantyView(
                      w, s.engine().warranties().book().claims(call.store(), w.serial()));
                }),
        route(POST, store + "/warranties/{serial}/claims")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.WARRANTY_INVALID)
            .doc("warranties", "Record a claim while the warranty covers it (422 when it does not)")
            .body(ClaimBody.class)
            .returns(WarrantyClaim.class)
            .created()
            .to(
                call -> {
                  String serial = call.path("serial");
                  s.engine().warranties().bySerial(call.store(), serial);
                  ClaimBody b = call.body(ClaimBody.class);
                  return s.engine()
                      .warranties()
                      .claim(call.store(), serial, b.description(), call.actor());
                }));
  }
}

package io.vruksha.retail.server.api;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import java.util.List;

/**
 * The checks every chain-wide setting of a SKU passes before it is changed (a gift-card product, a
 * warranty policy): the setting serves every store, so one store's admin must not change it, and
 * its SKU must be in the catalogue.
 */
final class ChainSkuSettings {

  private ChainSkuSettings() {}

  /**
   * The SKU named by {@code sku} in the request, once the caller is known to hold a token for every
   * store and the SKU to be in the catalogue.
   *
   * @param what what is being set, in the plural, for the 403's words ("warranty policies")
   * @throws ApiProblem 403 when the token is for some stores only
   * @throws InvalidInputException {@code VALIDATION} when {@code sku} is missing, {@code
   *     SKU_UNKNOWN} when the catalogue has no such SKU
   */
  static Sku knownSku(ServerContext s, ApiCall call, String what, String sku) {
    if (!call.principal().stores().contains(Principal.ALL_STORES)) {
      throw ApiProblem.forbidden(what + " serve every store: use a token for every store");
    }
    Sku known = Sku.of(StoreApi.required(sku, "sku"));
    if (s.engine().catalog().item(known).isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.SKU_UNKNOWN, "no SKU " + known + " in the catalogue", List.of("sku"));
    }
    return known;
  }
}

package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Suppliers and purchase orders: drafted from low stock, approved, sent and received. */
public final class ProcurementApi {

  private ProcurementApi() {}

  /**
   * A supplier's item.
   *
   * @param cost what one unit costs
   * @param leadTimeDays days from order to delivery
   */
  public record SupplierItemRequest(MoneyIn cost, int leadTimeDays) {}

  /**
   * A supplier and what it sells.
   *
   * @param id its id
   * @param name its name
   * @param items cost and lead time per SKU
   */
  public record SupplierRequest(String id, String name, Map<String, SupplierItemRequest> items) {}

  /**
   * Goods arrived against an order.
   *
   * @param received the quantity per SKU
   */
  public record Receipt(Map<String, BigDecimal> received) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(POST, "/api/v1/suppliers")
            .doc("procurement", "Create or replace a supplier (an admin token for every store)")
            .anyStore(Role.ADMIN)
            .body(SupplierRequest.class)
            .returns(Supplier.class)
            .created()
            .to(
                call -> {
                  if (!call.principal().stores().contains(Principal.ALL_STORES)) {
                    throw ApiProblem.forbidden(
                        "suppliers serve every store: use a token for every store");
                  }
                  SupplierRequest r = call.body(SupplierRequest.class);
                  Map<Sku, Supplier.Item> items = new TreeMap<>();
                  if (r.items() != null) {
                    r.items()
                        .forEach(
                            (sku, i) ->
                                items.put(
                                    Sku.of(sku),
                                    new Supplier.Item(
                                        Views.money(
                                            i == null ? null : i.cost(), "items." + sku + ".cost"),
                                        i.leadTimeDays())));
                  }
                  Supplier supplier =
                      new Supplier(
                          StoreApi.required(r.id(), "id"),
                          StoreApi.required(r.name(), "name"),
                          items);
                  s.engine().purchasing().procurement().saveSupplier(supplier);
                  return supplier;
                }),
        route(GET, "/api/v1/stores/{storeId}/purchase-orders")
            .doc("procurement", "The store's purchase orders")
            .role(Role.SUPERVISOR)
            .returns(PurchaseOrder[].class)
            .to(call -> s.engine().purchasing().procurement().orders(call.store())),
        route(GET, "/api/v1/stores/{storeId}/purchase-orders/{orderId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("procurement", "One purchase order")
            .role(Role.SUPERVISOR)
            .returns(PurchaseOrder.class)
            .to(call -> order(s, call)),
        route(POST, "/api/v1/stores/{storeId}/purchase-orders/{orderId}/approve")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE, ErrorCode.PERMISSION_REQUIRED)
            .doc("procurement", "Approve a drafted order (needs APPROVE_PURCHASE)")
            .role(Role.MANAGER)
            .returns(PurchaseOrder.class)
            .to(call -> s.engine().purchasing().approve(order(s, call).id(), call.actor())),
        route(POST, "/api/v1/stores/{storeId}/purchase-orders/{orderId}/send")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE)
            .doc("procurement", "Mark an approved order as sent to the supplier")
            .role(Role.MANAGER)
            .returns(PurchaseOrder.class)
            .to(call -> s.engine().purchasing().send(order(s, call).id())),
        route(POST, "/api/v1/stores/{storeId}/purchase-orders/{orderId}/receipts")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE, ErrorCode.SKU_UNKNOWN)
            .doc("procurement", "Receive goods against an order, in part or in full")
            .role(Role.SUPERVISOR)
            .body(Receipt.class)
            .returns(PurchaseOrder.class)
            .created()
            .to(
                call -> {
                  Receipt r = call.body(Receipt.class);
                  if (r.received() == null || r.received().isEmpty()) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION,
                        "received needs at least one SKU",
                        List.of("received"));
                  }
                  Map<Sku, BigDecimal> arrived = new TreeMap<>();
                  r.received().forEach((sku, q) -> arrived.put(Sku.of(sku), q));
                  return s.engine().purchasing().receive(order(s, call).id(), arrived);
                }));
  }

  private static PurchaseOrder order(ServerContext s, ApiCall call) {
    return Views.inStore(
        s.engine().purchasing().procurement().order(call.path("orderId")),
        PurchaseOrder::store,
        call.store(),
        "purchase order " + call.path("orderId"));
  }
}

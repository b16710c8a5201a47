package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.Cart;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiRoute;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carts: a basket built scan by scan at a till, priced at any moment, parked and resumed at any
 * till of the store, then checked out.
 */
public final class CartApi {

  private CartApi() {}

  /**
   * A new quantity for a line.
   *
   * @param quantity how many (or how much), in the item's unit
   */
  public record QuantityRequest(BigDecimal quantity) {}

  /**
   * The customer a cart is for.
   *
   * @param customerId the customer
   */
  public record CustomerRef(String customerId) {}

  /**
   * A coupon scanned into a cart.
   *
   * @param code the coupon's code
   */
  public record CouponRequest(String code) {}

  /**
   * Checking a cart out.
   *
   * @param tenders how it is paid
   * @param shiftId the register shift, optional
   */
  public record CartCheckout(List<SaleApi.TenderRequest> tenders, Optional<String> shiftId) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    // a cart goes out as its view: quantities as decimal strings, as a sale line shows them
    return cartRoutes(s).stream()
        .map(
            r ->
                r.responseType() == Views.CartView.class
                        || r.responseType() == Views.CartView[].class
                    ? r.withHandler(call -> view(r.handler().handle(call)))
                    : r)
        .toList();
  }

  private static Object view(Object result) {
    if (result instanceof Cart c) {
      return Views.CartView.of(c);
    }
    return ((List<?>) result).stream().map(c -> Views.CartView.of((Cart) c)).toList();
  }

  private static List<ApiRoute> cartRoutes(ServerContext s) {
    String cart = "/api/v1/stores/{storeId}/carts/{cartId}";
    return List.of(
        route(POST, "/api/v1/stores/{storeId}/carts")
            .doc("carts", "Open an empty cart")
            .returns(Views.CartView.class)
            .created()
            .to(call -> s.engine().tills().open(call.store())),
        route(GET, "/api/v1/stores/{storeId}/carts")
            .doc("carts", "The store's parked carts")
            .returns(Views.CartView[].class)
            .to(call -> s.engine().tills().parked(call.store())),
        route(GET, cart)
            .errors(ErrorCode.NOT_FOUND)
            .doc("carts", "One cart")
            .returns(Views.CartView.class)
            .to(call -> cart(s, call)),
        route(POST, cart + "/lines")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE, ErrorCode.QUANTITY_PRECISION)
            .doc("carts", "Scan or key a line into the cart")
            .body(SaleApi.LineRequest.class)
            .returns(Views.CartView.class)
            .created()
            .to(
                call -> {
                  Cart c = cart(s, call); // a cart of another store is not found, whatever the body
                  SaleApi.LineRequest l = call.body(SaleApi.LineRequest.class);
                  BasketLine line =
                      SaleApi.basket(
                              s, call.store(), List.of(l), Optional.empty(), Optional.empty())
                          .lines()
                          .get(0);
                  return s.engine().tills().scan(c.id(), line);
                }),
        route(PATCH, cart + "/lines/{index}")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE, ErrorCode.QUANTITY_PRECISION)
            .doc("carts", "Change a line's quantity")
            .body(QuantityRequest.class)
            .returns(Views.CartView.class)
            .to(
                call -> {
                  Cart c = cart(s, call);
                  int index = index(call, c);
                  QuantityRequest q = call.body(QuantityRequest.class);
                  if (q.quantity() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "quantity is required", List.of("quantity"));
                  }
                  return s.engine()
                      .tills()
                      .setQuantity(
                          c.id(),
                          index,
                          Views.quantityOf(s.engine(), c.lines().get(index).code(), q.quantity()));
                }),
        route(DELETE, cart + "/lines/{index}")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE)
            .doc("carts", "Void a line")
            .returns(Views.CartView.class)
            .to(
                call -> {
                  Cart c = cart(s, call);
                  return s.engine().tills().voidLine(c.id(), index(call, c));
                }),
        route(POST, cart + "/customer")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE)
            .doc("carts", "Attach the customer (loyalty, customer prices)")
            .body(CustomerRef.class)
            .returns(Views.CartView.class)
            .to(
                call ->
                    s.engine()
                        .tills()
                        .attach(
                            cart(s, call).id(),
                            Shopper.customer(
                                StoreApi.required(
                                    call.body(CustomerRef.class).customerId(), "customerId")))),
        route(POST, cart + "/coupons")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE)
            .doc("carts", "Add a coupon")
            .body(CouponRequest.class)
            .returns(Views.CartView.class)
            .to(
                call ->
                    s.engine()
                        .tills()
                        .coupon(
                            cart(s, call).id(),
                            StoreApi.required(call.body(CouponRequest.class).code(), "code"))),
        route(POST, cart + "/price")
            .errors(RouteErrors.PRICING)
            .doc("carts", "Price the cart now (promotions, tax, totals)")
            .returns(Views.BasketView.class)
            .to(
                call ->
                    Views.BasketView.of(
                        s.engine().tills().price(cart(s, call).id(), call.actor()))),
        route(POST, cart + "/park")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE)
            .doc("carts", "Park the cart; any till of the store can resume it")
            .returns(Views.CartView.class)
            .to(call -> s.engine().tills().park(cart(s, call).id())),
        route(POST, cart + "/resume")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SHIFT_STATE)
            .doc("carts", "Resume a parked cart")
            .returns(Views.CartView.class)
            .to(call -> s.engine().tills().resume(cart(s, call).id())),
        route(POST, cart + "/checkout")
            .errors(RouteErrors.PRICING)
            .errors(RouteErrors.CHECKOUT)
            .doc("carts", "Check the cart out as a sale (the cart is closed)")
            .body(CartCheckout.class)
            .returns(Views.SaleView.class)
            .created()
            .idempotent()
            .to(
                call -> {
                  Cart c = cart(s, call);
                  CartCheckout r = call.body(CartCheckout.class);
                  if (r.tenders() == null || r.tenders().isEmpty()) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION,
                        "a sale needs at least one tender",
                        List.of("tenders"));
                  }
                  List<Tender> tenders = new ArrayList<>();
                  for (int i = 0; i < r.tenders().size(); i++) {
                    tenders.add(SaleApi.tender(r.tenders().get(i), "tenders[" + i + "]"));
                  }
                  return Views.SaleView.of(
                      s.engine()
                          .tills()
                          .checkout(
                              c.id(),
                              call.idempotencyKey(),
                              tenders,
                              r.shiftId() == null ? Optional.empty() : r.shiftId(),
                              call.actor()),
                      s.engine());
                }),
        route(DELETE, cart)
            .errors(ErrorCode.NOT_FOUND)
            .doc("carts", "Void the whole cart")
            .returns(Void.class)
            .to(
                call -> {
                  s.engine().tills().voidCart(cart(s, call).id());
                  return null;
                }));
  }

  private static Cart cart(ServerContext s, ApiCall call) {
    return Views.inStore(
        s.engine().tills().cart(call.path("cartId")),
        Cart::store,
        call.store(),
        "cart " + call.path("cartId"));
  }

  private static int index(ApiCall call, Cart c) {
    try {
      int i = Integer.parseInt(call.path("index"));
      if (i < 0 || i >= c.lines().size()) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "line " + call.path("index") + " is not a line of cart " + c.id(),
          List.of("index"));
    }
  }
}

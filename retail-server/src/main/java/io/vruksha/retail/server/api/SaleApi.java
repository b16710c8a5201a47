package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Baskets, sales (checkout) and returns. */
public final class SaleApi {

  private SaleApi() {}

  /**
   * One line of a basket.
   *
   * @param code a SKU or a barcode (including price- and weight-embedded labels)
   * @param quantity how many, in the item's unit (pieces, kg); absent means one scan
   * @param priceOverride a unit price keyed by hand (needs a supervisor)
   */
  public record LineRequest(
      String code, Optional<BigDecimal> quantity, Optional<MoneyIn> priceOverride) {}

  /**
   * A basket to price or sell.
   *
   * @param lines the lines, at least one
   * @param customerId the loyalty or account customer, optional
   * @param coupons coupon codes, optional
   */
  public record BasketBody(
      List<LineRequest> lines, Optional<String> customerId, Optional<List<String>> coupons) {}

  /** The kinds of tender, in requests and responses alike. */
  public enum TenderType {
    /** Notes and coins; change is given. */
    CASH,
    /** A card payment, with the terminal's reference. */
    CARD,
    /** Loyalty points redeemed. */
    POINTS,
    /** The customer's store credit. */
    STORE_CREDIT,
    /** A gift card: its code in {@code reference}; in responses, the code masked. */
    GIFT_CARD,
    /** Buy now, pay later, through the store's provider (payments/checkouts only). */
    BNPL,
    /** A crypto payment, through the store's provider (payments/checkouts only). */
    CRYPTO
  }

  /**
   * How a sale is paid.
   *
   * @param type CASH, CARD, POINTS, STORE_CREDIT, GIFT_CARD, BNPL or CRYPTO
   * @param amount the amount (cash: what was handed over); not for POINTS
   * @param points the points to redeem (POINTS only)
   * @param reference the card terminal's reference (CARD), the gift card's code (GIFT_CARD)
   */
  public record TenderRequest(
      TenderType type,
      Optional<MoneyIn> amount,
      Optional<Long> points,
      Optional<String> reference) {}

  /**
   * A sale: a basket and how it is paid. The {@code Idempotency-Key} header makes a retry safe.
   *
   * @param lines the lines
   * @param customerId the customer, optional
   * @param coupons coupon codes, optional
   * @param tenders how it is paid, at least one
   * @param shiftId the register shift it belongs to, optional
   * @param serials the serial numbers of serialised SKUs sold, by SKU (registers their warranties;
   *     required for serialised SKUs when given for any)
   */
  public record SaleRequest(
      List<LineRequest> lines,
      Optional<String> customerId,
      Optional<List<String>> coupons,
      List<TenderRequest> tenders,
      Optional<String> shiftId,
      Optional<Map<String, List<String>>> serials) {}

  /**
   * One returned line.
   *
   * @param line the sale line's index (0 is the first)
   * @param quantity how many come back
   * @param restock whether they go back on the shelf
   */
  public record ReturnLine(int line, BigDecimal quantity, boolean restock) {}

  /**
   * A return against a sale.
   *
   * @param saleId the original sale
   * @param lines what comes back
   * @param refundTo ORIGINAL (default), STORE_CREDIT or GIFT_CARD (a new card holding the refund)
   * @param shiftId the register shift the refund is paid from, optional
   * @param serials the serial numbers of serialised units coming back, optional
   */
  public record ReturnBody(
      String saleId,
      List<ReturnLine> lines,
      Optional<ReturnRequest.RefundTo> refundTo,
      Optional<String> shiftId,
      Optional<List<String>> serials) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(POST, "/api/v1/stores/{storeId}/baskets/price")
            .errors(RouteErrors.PRICING)
            .doc("sales", "Price a basket (promotions, tax, totals) without selling it")
            .body(BasketBody.class)
            .returns(Views.BasketView.class)
            .to(
                call -> {
                  BasketBody b = call.body(BasketBody.class);
                  return Views.BasketView.of(
                      s.engine()
                          .priceBasket(
                              basket(s, call.store(), b.lines(), b.customerId(), b.coupons()),
                              call.actor()));
                }),
        route(POST, "/api/v1/stores/{storeId}/sales")
            .errors(RouteErrors.PRICING)
            .errors(RouteErrors.CHECKOUT)
            .doc(
                "sales",
                "Check out a sale: stock, invoice, journal, points and events commit together")
            .body(SaleRequest.class)
            .returns(Views.SaleView.class)
            .created()
            .idempotent()
            .to(call -> Views.SaleView.of(checkout(s, call), s.engine())),
        route(GET, "/api/v1/stores/{storeId}/sales")
            .doc(
                "sales",
                "The store's sales, newest first, found by receipt number or filtered by time,"
                    + " customer, register, shift and status")
            .query(
                QueryParam.text("number", "the receipt number, e.g. S001-2026-000002"),
                QueryParam.dateOrInstant(
                    "from",
                    "sold at or after: an instant (2026-11-24T09:00:00Z), or a date, meaning that"
                        + " day's start in the store's time zone"),
                QueryParam.dateOrInstant(
                    "to",
                    "sold before: an instant (exclusive), or a date, meaning up to the end of that"
                        + " day in the store's time zone (inclusive)"),
                QueryParam.text("customerId", "the customer's sales"),
                QueryParam.text("register", "sold on a shift of this register (till)"),
                QueryParam.text("shiftId", "sold on this shift"),
                QueryParam.oneOf(
                    "status",
                    SaleQuery.Status.class,
                    "SOLD: no return against it; RETURNED: at least one return against it"),
                QueryParam.limit(100, SaleQuery.MAX_LIMIT))
            .returns(Views.SaleView[].class)
            .to(
                call -> {
                  SaleQuery q = saleQuery(s, call);
                  // with ?status= every sale found is in it; else each is looked at
                  return s.engine().sales().search(q).stream()
                      .map(
                          sale ->
                              q.status().isPresent()
                                  ? Views.SaleView.of(sale, q.status().get())
                                  : Views.SaleView.of(sale, s.engine()))
                      .toList();
                }),
        route(GET, "/api/v1/stores/{storeId}/sales/{saleId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("sales", "One sale")
            .returns(Views.SaleView.class)
            .to(
                call ->
                    Views.SaleView.of(
                        Views.inStore(
                            s.engine().sales().find(call.path("saleId")),
                            Sale::store,
                            call.store(),
                            "sale " + call.path("saleId")),
                        s.engine())),
        route(POST, "/api/v1/stores/{storeId}/returns")
            .errors(
                ErrorCode.NOT_FOUND,
                ErrorCode.RETURN_INVALID,
                ErrorCode.PERMISSION_REQUIRED,
                ErrorCode.SHIFT_STATE,
                ErrorCode.QUANTITY_PRECISION)
            .doc("returns", "Take back goods against a sale and refund them (needs REFUND)")
            .role(Role.SUPERVISOR)
            .body(ReturnBody.class)
            .returns(Views.ReturnView.class)
            .created()
            .idempotent()
            .to(
                call -> {
                  ReturnBody r = call.body(ReturnBody.class);
                  String saleId = StoreApi.required(r.saleId(), "saleId");
                  Views.inStore(
                      s.engine().sales().find(saleId), Sale::store, call.store(), "sale " + saleId);
                  if (r.lines() == null || r.lines().isEmpty()) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "a return needs at least one line", List.of("lines"));
                  }
                  List<ReturnRequest.Item> items = new ArrayList<>();
                  for (ReturnLine l : r.lines()) {
                    items.add(new ReturnRequest.Item(l.line(), l.quantity(), l.restock()));
                  }
                  ReturnRequest request =
                      new ReturnRequest(
                          call.idempotencyKey(),
                          saleId,
                          items,
                          refundTo(r.refundTo()),
                          Optional.empty(),
                          opt(r.shiftId()));
                  return Views.ReturnView.of(
                      s.engine()
                          .acceptReturn(request, opt(r.serials()).orElse(List.of()), call.actor()));
                }),
        route(GET, "/api/v1/stores/{storeId}/returns")
            .doc("returns", "The store's returns, oldest first, or one by its credit note number")
            .query(
                QueryParam.text("number", "the credit note number, e.g. C001-2026-000001"),
                QueryParam.text("saleId", "the returns against this sale"))
            .returns(Views.ReturnView[].class)
            .to(
                call -> {
                  Optional<String> number = call.query("number");
                  Optional<String> saleId = call.query("saleId");
                  List<ReturnReceipt> found =
                      number.isPresent()
                          ? number
                              .flatMap(n -> s.engine().sales().returnByNumber(call.store(), n))
                              .stream()
                              .toList()
                          : saleId.isPresent()
                              ? s.engine().sales().returnsOf(saleId.get())
                              : s.engine().sales().returns(call.store());
                  return found.stream()
                      .filter(r -> r.store().equals(call.store()))
                      .filter(r -> saleId.map(r.saleId()::equals).orElse(true))
                      .map(Views.ReturnView::of)
                      .toList();
                }));
  }

  /** The sales query of a call's parameters; a date is a day in the store's time zone. */
  private static SaleQuery saleQuery(ServerContext s, ApiCall call) {
    ZoneId zone =
        s.engine().stores().find(call.store()).map(st -> st.zone()).orElse(ZoneOffset.UTC);
    SaleQuery q =
        SaleQuery.of(call.store(), call.query("limit").map(Integer::parseInt).orElse(100))
            .between(
                call.query("from").map(v -> instant(v, zone, false)),
                call.query("to").map(v -> instant(v, zone, true)));
    if (call.query("number").isPresent()) {
      q = q.number(call.query("number").get());
    }
    if (call.query("customerId").isPresent()) {
      q = q.customer(call.query("customerId").get());
    }
    if (call.query("status").isPresent()) {
      q = q.status(SaleQuery.Status.valueOf(call.query("status").get()));
    }
    Set<String> shifts = null;
    if (call.query("register").isPresent()) {
      shifts = new HashSet<>();
      for (Shift sh :
          s.engine()
              .registers()
              .shifts()
              .list(call.store(), call.query("register"), Optional.empty(), Integer.MAX_VALUE)) {
        shifts.add(sh.id());
      }
    }
    if (call.query("shiftId").isPresent()) {
      String id = call.query("shiftId").get();
      shifts = shifts == null || shifts.contains(id) ? Set.of(id) : Set.of();
    }
    return shifts == null ? q : q.shifts(shifts);
  }

  /** A checked {@code from}/{@code to} value: an instant, or a date's start (the next day's). */
  private static Instant instant(String v, ZoneId zone, boolean endOfDay) {
    if (v.length() == 10) {
      LocalDate day = LocalDate.parse(v);
      return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
    }
    return QueryParam.toInstant(v);
  }

  private static <T> Optional<T> opt(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  private static ReturnRequest.RefundTo refundTo(Optional<ReturnRequest.RefundTo> to) {
    return opt(to).orElse(ReturnRequest.RefundTo.ORIGINAL);
  }

  static BasketRequest basket(
      ServerContext s,
      StoreId store,
      List<LineRequest> lines,
      Optional<String> customerId,
      Optional<List<String>> coupons) {
    if (lines == null || lines.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a basket needs at least one line", List.of("lines"));
    }
    BasketRequest.Builder b = BasketRequest.builder(store);
    for (int i = 0; i < lines.size(); i++) {
      LineRequest l = lines.get(i);
      String field = "lines[" + i + "]";
      if (l == null || l.code() == null || l.code().isBlank()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, field + ".code is required", List.of(field + ".code"));
      }
      Optional<BigDecimal> q = opt(l.quantity());
      BasketLine line;
      try {
        line =
            q.isPresent()
                ? BasketLine.of(l.code(), Views.quantityOf(s.engine(), l.code(), q.get()))
                : BasketLine.scan(l.code());
      } catch (RetailException e) {
        throw new InvalidInputException(e.code(), field + ": " + e.getMessage(), List.of(field));
      }
      Optional<MoneyIn> override = opt(l.priceOverride());
      if (override.isPresent()) {
        Money m = override.get().toMoney(field + ".priceOverride");
        line = line.withPriceOverride(new UnitPrice(m.amount(), m.currency()));
      }
      b.add(line);
    }
    opt(customerId).filter(c -> !c.isBlank()).ifPresent(c -> b.shopper(Shopper.customer(c)));
    opt(coupons).ifPresent(cs -> cs.forEach(b::coupon));
    return b.build();
  }

  private static Sale checkout(ServerContext s, ApiCall call) {
    SaleRequest r = call.body(SaleRequest.class);
    BasketRequest basket = basket(s, call.store(), r.lines(), r.customerId(), r.coupons());
    if (r.tenders() == null || r.tenders().isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a sale needs at least one tender", List.of("tenders"));
    }
    List<Tender> tenders = new ArrayList<>();
    for (int i = 0; i < r.tenders().size(); i++) {
      tenders.add(tender(r.tenders().get(i), "tenders[" + i + "]"));
    }
    CheckoutRequest request =
        new CheckoutRequest(call.idempotencyKey(), basket, tenders, opt(r.shiftId()));
    if (opt(r.serials()).isPresent()) {
      return s.engine().checkout(request, OrderApi.serials(r.serials()), call.actor());
    }
    return s.engine().checkout(request, call.actor());
  }

  static Tender tender(TenderRequest t, String field) {
    if (t == null || t.type() == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + ".type is required", List.of(field));
    }
    try {
      return switch (t.type()) {
        case CASH -> new Tender.Cash(amount(t, field));
        case CARD -> new Tender.Card(amount(t, field), opt(t.reference()).orElse(""));
        case STORE_CREDIT -> new Tender.StoreCredit(amount(t, field));
        case GIFT_CARD ->
            new Tender.GiftCard(
                opt(t.reference())
                    .orElseThrow(
                        () ->
                            new InvalidInputException(
                                ErrorCode.VALIDATION,
                                field + ".reference (the gift card's code) is required",
                                List.of(field + ".reference"))),
                amount(t, field));
        case BNPL, CRYPTO ->
            new Tender.Provider(TenderKind.valueOf(t.type().name()), amount(t, field), "");
        case POINTS ->
            new Tender.Points(
                opt(t.points())
                    .orElseThrow(
                        () ->
                            new InvalidInputException(
                                ErrorCode.VALIDATION,
                                field + ".points is required for POINTS",
                                List.of(field + ".points"))));
      };
    } catch (InvalidInputException e) {
      throw e;
    } catch (RetailException e) {
      throw new InvalidInputException(e.code(), field + ": " + e.getMessage(), List.of(field));
    }
  }

  private static Money amount(TenderRequest t, String field) {
    return opt(t.amount())
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.VALIDATION,
                    field + ".amount is required",
                    List.of(field + ".amount")))
        .toMoney(field + ".amount");
  }
}

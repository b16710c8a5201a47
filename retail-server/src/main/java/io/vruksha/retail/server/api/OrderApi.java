package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.curbside.CollectionSlot;
import io.vruksha.retail.curbside.CurbsideBooking;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Pick;
import io.vruksha.retail.order.PlaceOrder;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.stock.AvailableToSell;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.time.Instants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Orders beyond the till: kiosk, web and phone orders through their steps, available to sell for
 * web shops, and curbside collection slots and bookings.
 */
public final class OrderApi {

  private OrderApi() {}

  /**
   * One ordered line.
   *
   * @param sku the SKU
   * @param quantity how many
   */
  public record OrderLineRequest(String sku, BigDecimal quantity) {}

  /**
   * A payment taken when ordering.
   *
   * @param amount what was charged (the order's whole total)
   * @param reference the payment provider's reference
   */
  public record PrepaymentBody(MoneyIn amount, String reference) {}

  /**
   * An order for later collection.
   *
   * @param orderId the channel's order number; placing it again with the same lines is harmless
   * @param channel KIOSK, WEB or PHONE
   * @param customerId the customer, optional
   * @param contact an e-mail address or phone number to tell them it is ready
   * @param lines what is ordered
   * @param prepayment the payment taken when ordering, optional (else paid at collection)
   * @param holdHours how long the stock stays reserved, 48 by default
   */
  public record PlaceBody(
      String orderId,
      String channel,
      Optional<String> customerId,
      String contact,
      List<OrderLineRequest> lines,
      Optional<PrepaymentBody> prepayment,
      Optional<Integer> holdHours) {}

  /**
   * A substitute picked for missing units.
   *
   * @param sku the substitute SKU
   * @param quantity how many of it
   */
  public record SubstituteBody(String sku, BigDecimal quantity) {}

  /**
   * What was found for one ordered SKU.
   *
   * @param sku the ordered SKU
   * @param picked how many were picked
   * @param substitute what was picked instead of missing units, optional
   */
  public record PickLine(String sku, BigDecimal picked, Optional<SubstituteBody> substitute) {}

  /**
   * The picker's findings; SKUs left out were not found at all.
   *
   * @param lines per ordered SKU
   */
  public record PickBody(List<PickLine> lines) {}

  /**
   * Handing an order over.
   *
   * @param tenders what pays the part not prepaid, optional for a prepaid order
   * @param serials serial numbers of serialised SKUs, by SKU, optional
   */
  public record CollectBody(
      Optional<List<SaleApi.TenderRequest>> tenders, Optional<Map<String, List<String>>> serials) {}

  /**
   * Available to sell of a SKU listed for web shops.
   *
   * @param sku the SKU
   * @param availableToSell on hand minus reserved minus the safety buffer, never below zero
   * @param onHand on hand on the sales floor
   * @param reserved reserved for orders
   * @param safetyBuffer held back for shoppers in the store
   */
  public record AvailableView(
      String sku,
      BigDecimal availableToSell,
      BigDecimal onHand,
      BigDecimal reserved,
      BigDecimal safetyBuffer) {
    static AvailableView of(AvailableToSell a) {
      return new AvailableView(
          a.key().sku().value(),
          a.quantity(),
          a.onHand(),
          a.reserved(),
          a.safetyBuffer().orElse(BigDecimal.ZERO));
    }
  }

  /**
   * A SKU's safety buffer (setting one lists it for web shops).
   *
   * @param sku the SKU
   * @param buffer the units web shops may not sell
   */
  public record BufferBody(String sku, BigDecimal buffer) {}

  /**
   * A collection slot.
   *
   * @param slotId its id
   * @param start when it opens
   * @param end when it closes
   * @param capacity how many bookings it takes
   */
  public record SlotBody(String slotId, Instant start, Instant end, Integer capacity) {}

  /**
   * A curbside booking.
   *
   * @param bookingId its id, chosen by the caller (booking it again is harmless)
   * @param slotId the slot
   * @param orderId the order to bring out, optional
   * @param customerName who comes
   * @param vehicle how staff recognise them
   */
  public record BookingBody(
      String bookingId,
      String slotId,
      Optional<String> orderId,
      String customerName,
      Optional<String> vehicle) {}

  /**
   * Moving a booking.
   *
   * @param slotId the new slot
   */
  public record MoveBody(String slotId) {}

  /**
   * A customer's arrival.
   *
   * @param bay where they parked, optional
   */
  public record CheckInBody(Optional<String> bay) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    String store = "/api/v1/stores/{storeId}";
    return List.of(
        route(POST, store + "/orders")
            .errors(
                ErrorCode.SKU_UNKNOWN,
                ErrorCode.PRODUCT_BLOCKED,
                ErrorCode.PRICE_NOT_FOUND,
                ErrorCode.TAX_RULE_MISSING,
                ErrorCode.CURRENCY_MISMATCH,
                ErrorCode.QUANTITY_PRECISION,
                ErrorCode.STOCK_INSUFFICIENT,
                ErrorCode.TENDER_INVALID,
                ErrorCode.DUPLICATE,
                ErrorCode.NOT_FOUND)
            .doc("orders", "Place a kiosk, web or phone order: priced, its stock reserved")
            .body(PlaceBody.class)
            .returns(Order.class)
            .created()
            .to(call -> s.engine().orders().place(place(call), call.actor())),
        route(GET, store + "/orders")
            .doc("orders", "The store's orders for later fulfilment (?status)")
            .query(QueryParam.oneOf("status", Order.Status.class, "orders in this status"))
            .returns(Order[].class)
            .to(
                call -> {
                  Optional<Order.Status> status =
                      call.query("status").map(v -> enumOf(Order.Status.class, v, "status"));
                  return s.engine().orders().orders().list(call.store()).stream()
                      .filter(o -> status.map(st -> o.status() == st).orElse(true))
                      .toList();
                }),
        route(GET, store + "/orders/{orderNumber}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("orders", "One order")
            .returns(Order.class)
            .to(call -> s.engine().orders().get(call.store(), call.path("orderNumber"))),
        route(POST, store + "/orders/{orderNumber}/pick")
            .errors(
                ErrorCode.NOT_FOUND,
                ErrorCode.ORDER_STATE,
                ErrorCode.SKU_UNKNOWN,
                ErrorCode.STOCK_INSUFFICIENT,
                ErrorCode.QUANTITY_PRECISION)
            .doc("orders", "Record what was picked: shortages released, substitutes reserved")
            .body(PickBody.class)
            .returns(Order.class)
            .to(
                call -> {
                  String id = call.path("orderNumber");
                  s.engine().orders().get(call.store(), id);
                  return s.engine().orders().pick(call.store(), id, picks(call));
                }),
        route(POST, store + "/orders/{orderNumber}/ready")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.ORDER_STATE)
            .doc("orders", "Mark a picked order ready for collection (the customer is notified)")
            .returns(Order.class)
            .to(call -> s.engine().orders().ready(call.store(), call.path("orderNumber"))),
        route(POST, store + "/orders/{orderNumber}/collect")
            .errors(
                ErrorCode.NOT_FOUND,
                ErrorCode.ORDER_STATE,
                ErrorCode.TENDER_INSUFFICIENT,
                ErrorCode.TENDER_INVALID,
                ErrorCode.POINTS_INSUFFICIENT,
                ErrorCode.STOCK_INSUFFICIENT,
                ErrorCode.CURRENCY_MISMATCH,
                ErrorCode.DUPLICATE)
            .doc("orders", "Hand a ready order over: it becomes a sale at its placement prices")
            .body(CollectBody.class)
            .returns(Order.class)
            .idempotent()
            .to(
                call -> {
                  String id = call.path("orderNumber");
                  s.engine().orders().get(call.store(), id);
                  CollectBody b = call.body(CollectBody.class);
                  List<Tender> tenders = new ArrayList<>();
                  List<SaleApi.TenderRequest> given = opt(b.tenders()).orElse(List.of());
                  for (int i = 0; i < given.size(); i++) {
                    tenders.add(SaleApi.tender(given.get(i), "tenders[" + i + "]"));
                  }
                  return s.engine()
                      .orders()
                      .collect(call.store(), id, tenders, serials(b.serials()), call.actor());
                }),
        route(POST, store + "/orders/{orderNumber}/cancel")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.ORDER_STATE)
            .doc("orders", "Cancel an order: reservation released, a prepayment refunded")
            .role(Role.SUPERVISOR)
            .returns(Order.class)
            .to(call -> s.engine().orders().cancel(call.store(), call.path("orderNumber"))),
        route(GET, store + "/available-to-sell")
            .doc("orders", "Available to sell of every SKU listed for web shops (?sku)")
            .query(QueryParam.text("sku", "only this SKU"))
            .returns(AvailableView[].class)
            .to(
                call ->
                    s.engine().stock().ledger().availableToSell(call.store()).stream()
                        .filter(
                            a ->
                                call.query("sku")
                                    .map(k -> a.key().sku().value().equals(k))
                                    .orElse(true))
                        .map(AvailableView::of)
                        .toList()),
        route(POST, store + "/safety-buffers")
            .errors(ErrorCode.SKU_UNKNOWN)
            .doc("orders", "Set a SKU's safety buffer, listing it for web shops")
            .role(Role.MANAGER)
            .body(BufferBody.class)
            .returns(AvailableView.class)
            .to(
                call -> {
                  BufferBody b = call.body(BufferBody.class);
                  return AvailableView.of(
                      s.engine()
                          .stock()
                          .setSafetyBuffer(call.store(), sku(s, b.sku()), b.buffer()));
                }),
        route(POST, store + "/curbside/slots")
            .errors(ErrorCode.SLOT_FULL)
            .doc("curbside", "Define a collection slot or change its window and capacity")
            .role(Role.MANAGER)
            .body(SlotBody.class)
            .returns(CollectionSlot.class)
            .created()
            .to(
                call -> {
                  SlotBody b = call.body(SlotBody.class);
                  if (b.start() == null || b.end() == null || b.capacity() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION,
                        "a slot needs start, end and capacity",
                        List.of("start", "end", "capacity"));
                  }
                  return s.engine()
                      .curbside()
                      .defineSlot(
                          new CollectionSlot(
                              call.store(), b.slotId(), b.start(), b.end(), b.capacity(), 0));
                }),
        route(GET, store + "/curbside/slots")
            .doc("curbside", "Collection slots starting in a window (?from, ?to; the next 7 days)")
            .query(
                QueryParam.instant("from", "slots starting at or after (default: now)"),
                QueryParam.instant("to", "slots starting before (default: from + 7 days)"))
            .returns(CollectionSlot[].class)
            .to(
                call -> {
                  Instant from =
                      call.query("from").map(v -> instant(v, "from")).orElse(Instant.now());
                  Instant to =
                      call.query("to")
                          .map(v -> instant(v, "to"))
                          .orElse(from.plus(Duration.ofDays(7)));
                  return s.engine().curbside().slots().slots(call.store(), from, to);
                }),
        route(GET, store + "/curbside/slots/{slotId}/bookings")
            .errors(ErrorCode.NOT_FOUND)
            .doc("curbside", "The bookings of a slot")
            .returns(CurbsideBooking[].class)
            .to(
                call -> {
                  String slot = call.path("slotId");
                  s.engine()
                      .curbside()
                      .slots()
                      .slot(call.store(), slot)
                      .orElseThrow(
                          () ->
                              new NotFoundException(
                                  ErrorCode.NOT_FOUND, "no collection slot " + slot));
                  return s.engine().curbside().slots().bookings(call.store(), slot);
                }),
        route(POST, store + "/curbside/bookings")
            .errors(
                ErrorCode.NOT_FOUND,
                ErrorCode.SLOT_FULL,
                ErrorCode.DUPLICATE,
                ErrorCode.ORDER_STATE)
            .doc("curbside", "Book a place in a collection slot (409 when it is full)")
            .body(BookingBody.class)
            .returns(CurbsideBooking.class)
            .created()
            .to(
                call -> {
                  BookingBody b = call.body(BookingBody.class);
                  return s.engine()
                      .curbside()
                      .book(
                          call.store(),
                          b.bookingId(),
                          StoreApi.required(b.slotId(), "slotId"),
                          opt(b.orderId()),
                          b.customerName(),
                          opt(b.vehicle()).orElse(""));
                }),
        route(GET, store + "/curbside/bookings/{bookingId}")
            .errors(ErrorCode.NOT_FOUND)
            .doc("curbside", "One booking")
            .returns(CurbsideBooking.class)
            .to(call -> s.engine().curbside().find(call.store(), call.path("bookingId"))),
        route(POST, store + "/curbside/bookings/{bookingId}/slot")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.SLOT_FULL, ErrorCode.ORDER_STATE)
            .doc("curbside", "Move a booking to another slot")
            .body(MoveBody.class)
            .returns(CurbsideBooking.class)
            .to(
                call -> {
                  String id = call.path("bookingId");
                  s.engine().curbside().find(call.store(), id);
                  MoveBody b = call.body(MoveBody.class);
                  return s.engine()
                      .curbside()
                      .change(call.store(), id, StoreApi.required(b.slotId(), "slotId"));
                }),
        route(POST, store + "/curbside/bookings/{bookingId}/check-in")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.ORDER_STATE)
            .doc("curbside", "The customer arrived and waits at a bay")
            .body(CheckInBody.class)
            .returns(CurbsideBooking.class)
            .to(
                call -> {
                  String id = call.path("bookingId");
                  s.engine().curbside().find(call.store(), id);
                  CheckInBody b = call.body(CheckInBody.class);
                  return s.engine().curbside().checkIn(call.store(), id, opt(b.bay()).orElse(""));
                }),
        route(POST, store + "/curbside/bookings/{bookingId}/cancel")
            .errors(ErrorCode.NOT_FOUND, ErrorCode.ORDER_STATE)
            .doc("curbside", "Cancel a booking; its place is free again")
            .returns(CurbsideBooking.class)
            .to(call -> s.engine().curbside().cancel(call.store(), call.path("bookingId"))));
  }

  private static PlaceOrder place(ApiCall call) {
    PlaceBody b = call.body(PlaceBody.class);
    if (b.lines() == null || b.lines().isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "an order needs at least one line", List.of("lines"));
    }
    Map<Sku, BigDecimal> lines = new LinkedHashMap<>();
    for (int i = 0; i < b.lines().size(); i++) {
      OrderLineRequest l = b.lines().get(i);
      if (l == null || l.sku() == null || l.quantity() == null) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "lines[" + i + "] needs a sku and a quantity",
            List.of("lines[" + i + "]"));
      }
      lines.merge(Sku.of(l.sku()), l.quantity(), BigDecimal::add);
    }
    Optional<Order.Prepayment> paid =
        opt(b.prepayment())
            .map(
                p ->
                    new Order.Prepayment(
                        Optional.ofNullable(p.amount())
                            .orElse(new MoneyIn(null, null))
                            .toMoney("prepayment.amount"),
                        p.reference()));
    return new PlaceOrder(
        b.orderId(),
        call.store(),
        enumOf(Order.Channel.class, StoreApi.required(b.channel(), "channel"), "channel"),
        opt(b.customerId()).filter(c -> !c.isBlank()),
        b.contact(),
        lines,
        paid,
        Duration.ofHours(opt(b.holdHours()).orElse(48)));
  }

  private static List<Pick> picks(ApiCall call) {
    PickBody b = call.body(PickBody.class);
    List<Pick> picks = new ArrayList<>();
    List<PickLine> lines = b.lines() == null ? List.of() : b.lines();
    for (int i = 0; i < lines.size(); i++) {
      PickLine l = lines.get(i);
      if (l == null || l.sku() == null || l.picked() == null) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "lines[" + i + "] needs a sku and the quantity picked",
            List.of("lines[" + i + "]"));
      }
      picks.add(
          new Pick(
              Sku.of(l.sku()),
              l.picked(),
              opt(l.substitute())
                  .map(
                      sub ->
                          new Order.Substitute(
                              Sku.of(StoreApi.required(sub.sku(), "substitute.sku")),
                              sub.quantity()))));
    }
    return picks;
  }

  static Map<Sku, List<String>> serials(Optional<Map<String, List<String>>> given) {
    Map<Sku, List<String>> serials = new LinkedHashMap<>();
    opt(given)
        .orElse(Map.of())
        .forEach((k, v) -> serials.put(Sku.of(k), v == null ? List.of() : v));
    return serials;
  }

  private static Sku sku(ServerContext s, String value) {
    Sku id = Sku.of(StoreApi.required(value, "sku"));
    if (s.engine().catalog().item(id).isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.SKU_UNKNOWN, "no SKU " + id + " in the catalogue", List.of("sku"));
    }
    return id;
  }

  private static Instant instant(String v, String field) {
    try {
      return Instants.micros(Instant.parse(v));
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + " is an instant like 2026-11-24T16:00:00Z", List.of(field));
    }
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          field + " is one of " + Arrays.toString(type.getEnumConstants()),
          List.of(field));
    }
  }

  private static <T> Optional<T> opt(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }
}

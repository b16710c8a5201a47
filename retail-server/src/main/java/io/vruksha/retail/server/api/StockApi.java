package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.order.Fulfilment;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.Json;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLevel;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.Role;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Stock: levels, movements, receipts, adjustments, transfers, counts and reservations. */
public final class StockApi {

  private StockApi() {}

  /**
   * A SKU's stock at a location.
   *
   * @param sku the SKU
   * @param location the location
   * @param onHand on hand
   * @param reserved reserved for orders
   * @param available on hand less reserved
   */
  public record LevelView(
      String sku, String location, BigDecimal onHand, BigDecimal reserved, BigDecimal available) {
    static LevelView of(StockLevel l) {
      return new LevelView(
          l.key().sku().value(),
          l.key().location().value(),
          l.onHand(),
          l.reserved(),
          l.available());
    }
  }

  /**
   * A SKU's level and its latest movements.
   *
   * @param level the level
   * @param movements the ledger, newest last (at most 200)
   */
  public record SkuStock(LevelView level, List<StockMovement> movements) {}

  /**
   * Goods received, or a signed adjustment.
   *
   * @param sku the SKU
   * @param quantity the quantity (receipts: positive; adjustments: the signed change)
   * @param location the location, {@code floor} by default
   * @param reason the reference (delivery note) or reason (damaged, found, ...)
   */
  public record Movement(
      String sku, BigDecimal quantity, Optional<String> location, String reason) {}

  /**
   * A transfer between locations (of this store).
   *
   * @param sku the SKU
   * @param quantity how many
   * @param from the location it leaves
   * @param to the location it goes to
   * @param reference the transfer's reference
   */
  public record Transfer(
      String sku, BigDecimal quantity, String from, String to, String reference) {}

  /**
   * A stock count of a location.
   *
   * @param location the location counted, {@code floor} by default
   * @param counted the counted quantity per SKU
   * @param reference the count's reference
   */
  public record Count(
      Optional<String> location, Map<String, BigDecimal> counted, String reference) {}

  /**
   * A reservation (an order to be collected).
   *
   * @param reservationId the reservation's id
   * @param sku the SKU
   * @param quantity how many
   * @param expiresAt when it lapses
   */
  public record Reservation(
      String reservationId, String sku, BigDecimal quantity, Instant expiresAt) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/stores/{storeId}/stock")
            .doc("stock", "Every stock level of the store")
            .returns(LevelView[].class)
            .to(
                call ->
                    s.engine().stock().ledger().levels(call.store()).stream()
                        .map(LevelView::of)
                        .toList()),
        route(GET, "/api/v1/stores/{storeId}/stock/{sku}")
            .errors(ErrorCode.SKU_UNKNOWN)
            .doc("stock", "A SKU's level on the floor and its movements (?location)")
            .query(QueryParam.text("location", "the stock location (default: the sales floor)"))
            .returns(SkuStock.class)
            .to(
                call -> {
                  StockKey key = key(s, call, call.path("sku"), call.query("location"));
                  List<StockMovement> moves = s.engine().stock().ledger().movements(key);
                  return new SkuStock(
                      LevelView.of(s.engine().stock().ledger().level(key)),
                      moves.subList(Math.max(0, moves.size() - 200), moves.size()));
                }),
        route(POST, "/api/v1/stores/{storeId}/stock/receipts")
            .errors(ErrorCode.SKU_UNKNOWN)
            .doc("stock", "Book goods received")
            .role(Role.SUPERVISOR)
            .body(Movement.class)
            .returns(StockMovement.class)
            .created()
            .to(
                call -> {
                  Movement m = call.body(Movement.class);
                  return s.engine()
                      .stock()
                      .receive(
                          key(s, call, m.sku(), m.location()),
                          quantity(m.quantity()),
                          StoreApi.required(m.reason(), "reason"));
                }),
        route(POST, "/api/v1/stores/{storeId}/stock/adjustments")
            .errors(ErrorCode.SKU_UNKNOWN, ErrorCode.STOCK_INSUFFICIENT)
            .doc("stock", "Adjust stock by a signed quantity with a reason")
            .role(Role.MANAGER)
            .body(Movement.class)
            .returns(StockMovement.class)
            .created()
            .to(
                call -> {
                  Movement m = call.body(Movement.class);
                  if (m.quantity() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "quantity is required", List.of("quantity"));
                  }
                  return s.engine()
                      .stock()
                      .adjust(
                          key(s, call, m.sku(), m.location()),
                          m.quantity(),
                          StoreApi.required(m.reason(), "reason"));
                }),
        route(POST, "/api/v1/stores/{storeId}/stock/transfers")
            .errors(ErrorCode.SKU_UNKNOWN, ErrorCode.STOCK_INSUFFICIENT)
            .doc("stock", "Move stock between two locations of the store")
            .role(Role.SUPERVISOR)
            .body(Transfer.class)
            .returns(StockMovement[].class)
            .created()
            .to(
                call -> {
                  Transfer t = call.body(Transfer.class);
                  return s.engine()
                      .stock()
                      .transfer(
                          key(s, call, t.sku(), Optional.ofNullable(t.from())),
                          key(s, call, t.sku(), Optional.ofNullable(t.to())),
                          quantity(t.quantity()),
                          StoreApi.required(t.reference(), "reference"));
                }),
        route(POST, "/api/v1/stores/{storeId}/stock/counts")
            .errors(ErrorCode.SKU_UNKNOWN)
            .doc("stock", "Book a stock count; answers the variance per SKU")
            .role(Role.SUPERVISOR)
            .body(Count.class)
            .returns(
                Json.MAPPER
                    .getTypeFactory()
                    .constructMapType(Map.class, String.class, BigDecimal.class))
            .created()
            .to(
                call -> {
                  Count c = call.body(Count.class);
                  if (c.counted() == null || c.counted().isEmpty()) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "counted needs at least one SKU", List.of("counted"));
                  }
                  Map<Sku, BigDecimal> counted = new TreeMap<>();
                  c.counted().forEach((sku, q) -> counted.put(Sku.of(sku), q));
                  Map<String, BigDecimal> variances = new TreeMap<>();
                  s.engine()
                      .stock()
                      .count(
                          call.store(),
                          location(opt(c.location())),
                          counted,
                          StoreApi.required(c.reference(), "reference"))
                      .forEach((sku, v) -> variances.put(sku.value(), v));
                  return variances;
                }),
        route(POST, "/api/v1/stores/{storeId}/stock/reservations")
            .errors(ErrorCode.SKU_UNKNOWN, ErrorCode.STOCK_INSUFFICIENT)
            .doc("stock", "Reserve stock until a time (it no longer counts as available)")
            .body(Reservation.class)
            .returns(LevelView.class)
            .created()
            .to(
                call -> {
                  Reservation r = call.body(Reservation.class);
                  String id = StoreApi.required(r.reservationId(), "reservationId");
                  if (id.startsWith(Fulfilment.RESERVATION_PREFIX)) {
                    // reserving again under an id replaces its reservation: an order's are the
                    // order's own, changed only by its steps (pick, collect, cancel)
                    throw ApiProblem.forbidden(
                        "reservation ids starting with "
                            + Fulfilment.RESERVATION_PREFIX
                            + " belong to orders; choose another id");
                  }
                  StockKey key = key(s, call, r.sku(), Optional.empty());
                  if (r.expiresAt() == null) {
                    throw new InvalidInputException(
                        ErrorCode.VALIDATION, "expiresAt is required", List.of("expiresAt"));
                  }
                  s.engine()
                      .inStore(
                          call.store(),
                          () -> {
                            s.engine()
                                .stock()
                                .ledger()
                                .reserve(id, key, quantity(r.quantity()), r.expiresAt());
                            return null;
                          });
                  return LevelView.of(s.engine().stock().ledger().level(key));
                }));
  }

  private static <T> Optional<T> opt(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  private static BigDecimal quantity(BigDecimal q) {
    if (q == null || q.signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "quantity must be positive", List.of("quantity"));
    }
    return q;
  }

  private static LocationId location(Optional<String> location) {
    return opt(location).filter(l -> !l.isBlank()).map(LocationId::of).orElse(LocationId.FLOOR);
  }

  private static StockKey key(
      ServerContext s, ApiCall call, String sku, Optional<String> location) {
    Sku id = Sku.of(StoreApi.required(sku, "sku"));
    if (s.engine().catalog().item(id).isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.SKU_UNKNOWN, "no SKU " + id + " in the catalogue", List.of("sku"));
    }
    return new StockKey(call.store(), location(location), id);
  }
}

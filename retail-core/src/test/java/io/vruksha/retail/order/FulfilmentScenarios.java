package io.vruksha.retail.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.curbside.CollectionSlot;
import io.vruksha.retail.curbside.CurbsideBooking;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationDelivery;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.AvailableToSell;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.warranty.Warranty;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders beyond the till, end to end through the engine on the demo store: web, kiosk and phone
 * orders, curbside bookings, available to sell, warranties and notifications. Each adapter runs the
 * same scenarios by extending this class.
 */
public abstract class FulfilmentScenarios {

  /** 2026-11-24 11:00 UTC: the demo prices hold, no promotion touches T-shirts. */
  protected static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  private static final Actor ANNA = Actor.cashier("anna");
  private static final Actor MAX = Actor.supervisor("max");

  protected final MovableClock clock = new MovableClock(NOON);
  protected RetailEngine engine;

  /** An engine builder over the adapters under test (fresh ones per call). */
  protected abstract RetailEngine.Builder adapters();

  @BeforeEach
  void seed() {
    engine = adapters().clock(clock).build();
    DemoStore.seed(engine);
    engine
        .customers()
        .create(DemoStore.ID, Customer.of("c-1", "Ada", NOON).withEmail("ada@example.com"));
  }

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  private static StockKey floor(String sku) {
    return StockKey.floor(DemoStore.ID, Sku.of(sku));
  }

  private BigDecimal reserved(String sku) {
    return engine.stock().ledger().level(floor(sku)).reserved();
  }

  private BigDecimal onHand(String sku) {
    return engine.stock().ledger().level(floor(sku)).onHand();
  }

  private static PlaceOrder order(
      String id, Order.Channel channel, Optional<Order.Prepayment> paid, Object... skuQty) {
    Map<Sku, BigDecimal> lines = new LinkedHashMap<>();
    for (int i = 0; i < skuQty.length; i += 2) {
      lines.put(Sku.of((String) skuQty[i]), new BigDecimal(skuQty[i + 1].toString()));
    }
    return new PlaceOrder(
        id,
        DemoStore.ID,
        channel,
        channel == Order.Channel.KIOSK ? Optional.empty() : Optional.of("c-1"),
        "ada@example.com",
        lines,
        paid,
        PlaceOrder.DEFAULT_HOLD);
  }

  private List<EventEnvelope> events(Class<? extends DomainEvent> type) {
    return EngineHost.outbox(engine).pending(10_000).stream()
        .filter(e -> type.isInstance(e.payload()))
        .toList();
  }

  @Test
  void aWebOrderIsReservedPickedShortCollectedAndInvoicedAtThePricesItWasPlacedAt() {
    engine.stock().setSafetyBuffer(DemoStore.ID, Sku.of("TEE-M"), new BigDecimal("3"));
    // 2 T-shirts at 19.99 and a mug at 4.99 = 44.97, paid by card in the web shop
    Order placed =
        engine
            .orders()
            .place(
                order(
                    "web-1001",
                    Order.Channel.WEB,
                    Optional.of(new Order.Prepayment(eur("44.97"), "psp-7781")),
                    "TEE-M",
                    2,
                    "MUG",
                    1),
                ANNA);
    assertThat(placed.status()).isEqualTo(Order.Status.PLACED);
    assertThat(placed.total()).isEqualTo(eur("44.97"));
    assertThat(placed.lines())
        .extracting(Order.Line::lineTotal)
        .containsExactly(eur("39.98"), eur("4.99"));
    assertThat(placed.reservedUntil()).isEqualTo(NOON.plus(Duration.ofHours(48)));
    assertThat(reserved("TEE-M")).isEqualByComparingTo("2");
    // 20 on hand - 2 reserved - 3 buffer
    assertThat(engine.stock().ledger().availableToSell(floor("TEE-M")).quantity())
        .isEqualByComparingTo("15");
    assertThat(engine.stock().ledger().availableToSell(DemoStore.ID))
        .extracting(
            a -> a.key().sku().value() + " " + a.quantity().stripTrailingZeros().toPlainString())
        .containsExactly("TEE-M 15");

    // the price of T-shirts goes up after the order was placed
    clock.advance(Duration.ofHours(2));
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail"),
            Sku.of("TEE-M"),
            UnitPrice.of("24.99", "EUR"),
            clock.instant(),
            "max");

    // only one T-shirt is on the shelf
    Order picked =
        engine
            .orders()
            .pick(DemoStore.ID, "web-1001", List.of(Pick.of("TEE-M", "1"), Pick.of("MUG", "1")));
    assertThat(picked.status()).isEqualTo(Order.Status.PICKED);
    assertThat(picked.lines().get(0).shortage()).isEqualByComparingTo("1");
    assertThat(reserved("TEE-M")).isEqualByComparingTo("1");
    assertThat(engine.stock().ledger().availableToSell(floor("TEE-M")).quantity())
        .isEqualByComparingTo("16");

    engine.orders().ready(DemoStore.ID, "web-1001");
    clock.advance(Duration.ofHours(3));
    Order collected = engine.orders().collect(DemoStore.ID, "web-1001", List.of(), Map.of(), ANNA);

    // charged 19.99 + 4.99 = 24.98 at the old price, by the web shop's card; 19.99 refunded
    assertThat(collected.status()).isEqualTo(Order.Status.COLLECTED);
    assertThat(collected.refunded()).isEqualTo(eur("19.99"));
    Sale sale = engine.sales().find(collected.saleId().orElseThrow()).orElseThrow();
    assertThat(sale.total()).isEqualTo(eur("24.98"));
    assertThat(sale.at()).isEqualTo(NOON.plus(Duration.ofHours(5)));
    assertThat(sale.tenders())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TenderKind.CARD);
              assertThat(t.amount()).isEqualTo(eur("24.98"));
              assertThat(t.reference()).isEqualTo("psp-7781");
            });
    // German VAT within the prices: 19.99 holds 3.19, 4.99 holds 0.80
    assertThat(sale.basket().tax()).isEqualTo(eur("3.99"));
    assertThat(sale.customerId()).contains("c-1");
    assertThat(sale.pointsEarned()).isEqualTo(20); // 16.80 + 4.19 net, a point per euro per line
    assertThat(collected.receiptNumber()).contains(sale.number());
    assertThat(engine.journal().entries(DemoStore.ID))
        .extracting(FiscalDocument::number, FiscalDocument::total)
        .contains(Tuple.tuple(sale.number(), eur("24.98")));
    assertThat(engine.billing().invoices().find(DemoStore.ID, sale.number())).isPresent();
    // stock: sold one of each, nothing reserved any more
    assertThat(onHand("TEE-M")).isEqualByComparingTo("19");
    assertThat(onHand("MUG")).isEqualByComparingTo("49");
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(reserved("MUG")).isEqualByComparingTo("0");
    assertThat(engine.stock().ledger().availableToSell(floor("TEE-M")).quantity())
        .isEqualByComparingTo("16");
    // events: every step of the order, the sale and its invoice, and available to sell changes
    assertThat(events(DomainEvent.OrderChanged.class))
        .extracting(EventEnvelope::subject)
        .containsExactly(
            "retail.order.order.placed.v1",
            "retail.order.order.picked.v1",
            "retail.order.order.ready.v1",
            "retail.order.order.collected.v1");
    assertThat(events(DomainEvent.SaleCompleted.class)).hasSize(1);
    assertThat(events(DomainEvent.AvailableToSellChanged.class))
        .extracting(e -> ((DomainEvent.AvailableToSellChanged) e.payload()).availableToSell())
        .last()
        .satisfies(q -> assertThat(q).isEqualByComparingTo("16"));

    // collecting again changes nothing; cancelling a collected order is refused
    assertThat(engine.orders().collect(DemoStore.ID, "web-1001", List.of(), Map.of(), ANNA))
        .isEqualTo(collected);
    assertThatThrownBy(() -> engine.orders().cancel(DemoStore.ID, "web-1001"))
        .isInstanceOf(RetailException.class)
        .extracting("code")
        .isEqualTo(ErrorCode.ORDER_STATE);
  }

  @Test
  void aKioskOrderCancelledReleasesItsReservation() {
    // all 5 apple cakes reserved by a kiosk order paid at collection
    Order placed =
        engine
            .orders()
            .place(order("kiosk-17", Order.Channel.KIOSK, Optional.empty(), "CAKE", 5), ANNA);
    assertThat(placed.total()).isEqualTo(eur("49.50"));
    assertThat(reserved("CAKE")).isEqualByComparingTo("5");
    // nothing left for another order, nor for the till
    assertThatThrownBy(
            () ->
                engine
                    .orders()
                    .place(
                        order("kiosk-18", Order.Channel.KIOSK, Optional.empty(), "CAKE", 1), ANNA))
        .isInstanceOf(RetailException.class)
        .hasMessageContaining("CAKE has 0 available to reserve, 1 requested");
    assertThat(engine.orders().orders().find(DemoStore.ID, "kiosk-18")).isEmpty();
    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "till-1",
                        BasketRequest.builder(DemoStore.ID).add("CAKE", 1).build(),
                        new Tender.Cash(eur("10.00"))),
                    ANNA))
        .extracting("code")
        .isEqualTo(ErrorCode.STOCK_INSUFFICIENT);

    Order cancelled = engine.orders().cancel(DemoStore.ID, "kiosk-17");
    assertThat(cancelled.status()).isEqualTo(Order.Status.CANCELLED);
    assertThat(cancelled.refunded()).isEqualTo(eur("0.00")); // nothing was paid yet
    assertThat(reserved("CAKE")).isEqualByComparingTo("0");
    assertThat(onHand("CAKE")).isEqualByComparingTo("5");
    // the cakes can be ordered again; a cancelled order cannot be picked
    engine
        .orders()
        .place(order("kiosk-18", Order.Channel.KIOSK, Optional.empty(), "CAKE", 1), ANNA);
    assertThat(reserved("CAKE")).isEqualByComparingTo("1");
    assertThatThrownBy(() -> engine.orders().pick(DemoStore.ID, "kiosk-17", List.of()))
        .extracting("code")
        .isEqualTo(ErrorCode.ORDER_STATE);
    assertThat(events(DomainEvent.OrderChanged.class))
        .extracting(EventEnvelope::subject)
        .containsExactly(
            "retail.order.order.placed.v1",
            "retail.order.order.cancelled.v1",
            "retail.order.order.placed.v1");
  }

  @Test
  void aPrepaidOrderCancelledIsRefundedInFull() {
    engine
        .orders()
        .place(
            order(
                "web-1002",
                Order.Channel.WEB,
                Optional.of(new Order.Prepayment(eur("19.99"), "psp-1")),
                "TEE-L",
                1),
            ANNA);
    Order cancelled = engine.orders().cancel(DemoStore.ID, "web-1002");
    assertThat(cancelled.refunded()).isEqualTo(eur("19.99"));
    assertThat(reserved("TEE-L")).isEqualByComparingTo("0");
    // a prepayment that does not pay the total is refused and nothing is reserved
    assertThatThrownBy(
            () ->
                engine
                    .orders()
                    .place(
                        order(
                            "web-1003",
                            Order.Channel.WEB,
                            Optional.of(new Order.Prepayment(eur("10.00"), "psp-2")),
                            "TEE-L",
                            1),
                        ANNA))
        .extracting("code")
        .isEqualTo(ErrorCode.TENDER_INVALID);
    assertThat(reserved("TEE-L")).isEqualByComparingTo("0");
  }

  @Test
  void aPhoneOrderWithASubstitutePaysAtCollection() {
    engine
        .orders()
        .place(order("phone-5", Order.Channel.PHONE, Optional.empty(), "TEE-M", 2), ANNA);
    // one M left on the shelf: the customer accepts an L instead of the second
    engine
        .orders()
        .pick(
            DemoStore.ID,
            "phone-5",
            List.of(
                new Pick(
                    Sku.of("TEE-M"),
                    BigDecimal.ONE,
                    Optional.of(new Order.Substitute(Sku.of("TEE-L"), BigDecimal.ONE)))));
    assertThat(reserved("TEE-M")).isEqualByComparingTo("1");
    assertThat(reserved("TEE-L")).isEqualByComparingTo("1");
    engine.orders().ready(DemoStore.ID, "phone-5");
    // paid at collection: nothing tendered is refused, cash is taken with change
    assertThatThrownBy(
            () -> engine.orders().collect(DemoStore.ID, "phone-5", List.of(), Map.of(), ANNA))
        .extracting("code")
        .isEqualTo(ErrorCode.TENDER_INSUFFICIENT);
    Order collected =
        engine
            .orders()
            .collect(
                DemoStore.ID, "phone-5", List.of(new Tender.Cash(eur("50.00"))), Map.of(), ANNA);
    Sale sale = engine.sales().find(collected.saleId().orElseThrow()).orElseThrow();
    assertThat(sale.basket().lines())
        .extracting(l -> l.sku().value())
        .containsExactly("TEE-M", "TEE-L");
    assertThat(sale.total()).isEqualTo(eur("39.98"));
    assertThat(sale.change()).isEqualTo(eur("10.02"));
    assertThat(onHand("TEE-M")).isEqualByComparingTo("19");
    assertThat(onHand("TEE-L")).isEqualByComparingTo("19");
    assertThat(reserved("TEE-M")).isEqualByComparingTo("0");
    assertThat(reserved("TEE-L")).isEqualByComparingTo("0");
  }

  @Test
  void aShortPickKeepsItsUnitsEvenWhenTheTillDugIntoTheBuffer() {
    engine.stock().setSafetyBuffer(DemoStore.ID, Sku.of("TEE-L"), new BigDecimal("3"));
    engine.orders().place(order("web-4001", Order.Channel.WEB, Optional.empty(), "TEE-L", 2), ANNA);
    // the till sells 17 of the 18 not reserved: 3 on hand, 2 of them promised, web shops see 0
    engine.checkout(
        CheckoutRequest.of(
            "till-1:0400",
            BasketRequest.builder(DemoStore.ID).add("TEE-L", 17).build(),
            new Tender.Cash(eur("400.00"))),
        ANNA);
    assertThat(engine.stock().ledger().availableToSell(floor("TEE-L")).quantity())
        .isEqualByComparingTo("0");
    // one is found: the reservation shrinks to it, it is not taken again against the buffer
    engine.orders().pick(DemoStore.ID, "web-4001", List.of(Pick.of("TEE-L", "1")));
    assertThat(reserved("TEE-L")).isEqualByComparingTo("1");
    assertThat(onHand("TEE-L")).isEqualByComparingTo("3");
  }

  @Test
  void lapsedOrdersAreCancelled() {
    engine.orders().place(order("kiosk-20", Order.Channel.KIOSK, Optional.empty(), "MUG", 4), ANNA);
    assertThat(engine.orders().cancelLapsed(DemoStore.ID, NOON.plus(Duration.ofHours(47))))
        .isEmpty();
    assertThat(engine.orders().cancelLapsed(DemoStore.ID, NOON.plus(Duration.ofHours(48))))
        .extracting(Order::id)
        .containsExactly("kiosk-20");
    assertThat(reserved("MUG")).isEqualByComparingTo("0");
  }

  @Test
  void overlappingCurbsideBookingsRespectTheSlotsCapacity() {
    CollectionSlot four =
        engine
            .curbside()
            .defineSlot(
                new CollectionSlot(
                    DemoStore.ID,
                    "2026-11-24T16:00",
                    Instant.parse("2026-11-24T16:00:00Z"),
                    Instant.parse("2026-11-24T16:30:00Z"),
                    2,
                    0));
    engine
        .curbside()
        .defineSlot(
            new CollectionSlot(
                DemoStore.ID,
                "2026-11-24T16:30",
                Instant.parse("2026-11-24T16:30:00Z"),
                Instant.parse("2026-11-24T17:00:00Z"),
                2,
                0));
    assertThat(four.free()).isEqualTo(2);
    engine.curbside().book(DemoStore.ID, "b-1", four.id(), Optional.of("web-1"), "Ada", "B-AD 123");
    engine.curbside().book(DemoStore.ID, "b-2", four.id(), Optional.empty(), "Bo", "red van");
    assertThatThrownBy(
            () ->
                engine.curbside().book(DemoStore.ID, "b-3", four.id(), Optional.empty(), "Cy", ""))
        .isInstanceOf(RetailException.class)
        .hasMessage("collection slot 2026-11-24T16:00 is fully booked (2 places)")
        .extracting("code")
        .isEqualTo(ErrorCode.SLOT_FULL);
    // the capacity cannot drop below the bookings held
    assertThatThrownBy(
            () ->
                engine
                    .curbside()
                    .defineSlot(
                        new CollectionSlot(
                            DemoStore.ID, four.id(), four.start(), four.end(), 1, 0)))
        .extracting("code")
        .isEqualTo(ErrorCode.SLOT_FULL);
    // Bo moves to half past four; Cy now fits at four
    engine.curbside().change(DemoStore.ID, "b-2", "2026-11-24T16:30");
    engine.curbside().book(DemoStore.ID, "b-3", four.id(), Optional.empty(), "Cy", "");
    assertThat(engine.curbside().slots().slot(DemoStore.ID, four.id()).orElseThrow().booked())
        .isEqualTo(2);
    assertThat(
            engine.curbside().slots().slot(DemoStore.ID, "2026-11-24T16:30").orElseThrow().booked())
        .isEqualTo(1);
    CurbsideBooking arrived = engine.curbside().checkIn(DemoStore.ID, "b-1", "bay 3");
    assertThat(arrived.status()).isEqualTo(CurbsideBooking.Status.CHECKED_IN);
    assertThat(arrived.arrivedAt()).contains(NOON);
    assertThat(arrived.bay()).isEqualTo("bay 3");
    // a checked-in booking cannot move; a cancelled one frees its place
    assertThatThrownBy(() -> engine.curbside().change(DemoStore.ID, "b-1", "2026-11-24T16:30"))
        .extracting("code")
        .isEqualTo(ErrorCode.ORDER_STATE);
    engine.curbside().cancel(DemoStore.ID, "b-3");
    assertThat(engine.curbside().slots().slot(DemoStore.ID, four.id()).orElseThrow().free())
        .isEqualTo(1);
    assertThat(events(DomainEvent.CurbsideBookingChanged.class))
        .extracting(EventEnvelope::subject)
        .containsExactly(
            "retail.order.curbside_booking.booked.v1",
            "retail.order.curbside_booking.booked.v1",
            "retail.order.curbside_booking.changed.v1",
            "retail.order.curbside_booking.booked.v1",
            "retail.order.curbside_booking.checked_in.v1",
            "retail.order.curbside_booking.cancelled.v1");
  }

  @Test
  void concurrentBookingsOfTheLastPlacesNeverOverfillASlot() throws Exception {
    engine
        .curbside()
        .defineSlot(
            new CollectionSlot(
                DemoStore.ID,
                "rush",
                Instant.parse("2026-11-24T17:00:00Z"),
                Instant.parse("2026-11-24T17:30:00Z"),
                3,
                0));
    AtomicInteger booked = new AtomicInteger();
    AtomicInteger full = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int n = i;
        all.add(
            pool.submit(
                () -> {
                  try {
                    engine
                        .curbside()
                        .book(DemoStore.ID, "r-" + n, "rush", Optional.empty(), "C" + n, "");
                    booked.incrementAndGet();
                  } catch (RetailException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.SLOT_FULL);
                    full.incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(booked.get()).isEqualTo(3);
    assertThat(full.get()).isEqualTo(9);
    assertThat(engine.curbside().slots().slot(DemoStore.ID, "rush").orElseThrow().booked())
        .isEqualTo(3);
    assertThat(engine.curbside().slots().bookings(DemoStore.ID, "rush")).hasSize(3);
  }

  @Test
  void concurrentReservationsNeverMakeAvailableToSellNegative() throws Exception {
    // 10 cups of coffee on hand, 2 held back for the aisle: web orders may take 8
    engine.stock().setSafetyBuffer(DemoStore.ID, Sku.of("COFFEE"), new BigDecimal("2"));
    engine.stock().adjust(floor("COFFEE"), new BigDecimal("-20"), "shelf reset");
    AtomicInteger placed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int n = i;
        all.add(
            pool.submit(
                () -> {
                  try {
                    engine
                        .orders()
                        .place(
                            order("w-" + n, Order.Channel.WEB, Optional.empty(), "COFFEE", 1),
                            ANNA);
                    placed.incrementAndGet();
                  } catch (RetailException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.STOCK_INSUFFICIENT);
                    refused.incrementAndGet();
                  }
                  assertThat(
                          engine
                              .stock()
                              .ledger()
                              .availableToSell(floor("COFFEE"))
                              .quantity()
                              .signum())
                      .isNotNegative();
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(placed.get()).isEqualTo(8);
    assertThat(refused.get()).isEqualTo(16);
    AvailableToSell coffee = engine.stock().ledger().availableToSell(floor("COFFEE"));
    assertThat(coffee.onHand()).isEqualByComparingTo("10");
    assertThat(coffee.reserved()).isEqualByComparingTo("8");
    assertThat(coffee.quantity()).isEqualByComparingTo("0");
    assertThat(engine.orders().orders().list(DemoStore.ID)).hasSize(8);
  }

  @Test
  void aWarrantyIsRegisteredOnASoldSerialClaimedAndVoidedByItsReturn() {
    engine
        .catalog()
        .save(
            Product.builder(ProductId.of("grinder"))
                .name("Coffee grinder")
                .category(CategoryId.of("kitchen"))
                .taxCategory(DemoStore.STANDARD)
                .variant(Sku.of("GRINDER"), "Coffee grinder", UnitOfMeasure.EACH)
                .build());
    engine
        .priceBook()
        .setPrice(
            PriceListId.of("retail"),
            Sku.of("GRINDER"),
            UnitPrice.of("89.90", "EUR"),
            NOON.minusSeconds(60),
            "max");
    engine.stock().receive(floor("GRINDER"), new BigDecimal("4"), "delivery-1");
    engine.warranties().serialise(Sku.of("GRINDER"), 24);

    CheckoutRequest request =
        CheckoutRequest.of(
            "till-1:0100",
            BasketRequest.builder(DemoStore.ID)
                .add("GRINDER", 2)
                .add("MUG", 1)
                .shopper(Shopper.customer("c-1"))
                .build(),
            new Tender.Card(eur("172.79"), "auth-1"));
    // a serialised SKU sold without its serials refuses the whole sale
    assertThatThrownBy(
            () -> engine.checkout(request, Map.of(Sku.of("GRINDER"), List.of("G-1")), ANNA))
        .isInstanceOf(RetailException.class)
        .hasMessage("GRINDER is serialised: 2 serial numbers needed, 1 given");
    assertThat(onHand("GRINDER")).isEqualByComparingTo("4");
    assertThat(engine.sales().list(DemoStore.ID)).isEmpty();

    Sale sale = engine.checkout(request, Map.of(Sku.of("GRINDER"), List.of("G-1", "G-2")), ANNA);
    // 2 x 89.90 + 4.99 = 184.79, less 12.00 for spending over 100
    assertThat(sale.total()).isEqualTo(eur("172.79"));
    Warranty g1 = engine.warranties().bySerial(DemoStore.ID, "G-1");
    assertThat(g1.receiptNumber()).isEqualTo(sale.number());
    assertThat(g1.lineIndex()).isZero();
    assertThat(g1.endsAt()).isEqualTo(Instant.parse("2028-11-24T11:00:00Z"));
    assertThat(engine.warranties().byReceipt(DemoStore.ID, sale.number()))
        .extracting(Warranty::serial)
        .containsExactly("G-1", "G-2");
    // the same serial cannot be sold twice while its warranty runs
    assertThatThrownBy(
            () ->
                engine.checkout(
                    CheckoutRequest.of(
                        "till-1:0101",
                        BasketRequest.builder(DemoStore.ID).add("GRINDER", 1).build(),
                        new Tender.Cash(eur("100.00"))),
                    Map.of(Sku.of("GRINDER"), List.of("G-2")),
                    ANNA))
        .extracting("code")
        .isEqualTo(ErrorCode.DUPLICATE);

    clock.advance(Duration.ofDays(10));
    // ten days later G-2 comes back: without its serial, or with one not on the receipt, the return
    // is refused
    ReturnRequest back =
        ReturnRequest.of("ret-1", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true));
    assertThatThrownBy(() -> engine.acceptReturn(back, MAX))
        .isInstanceOf(RetailException.class)
        .extracting("code")
        .isEqualTo(ErrorCode.RETURN_INVALID);
    assertThatThrownBy(() -> engine.acceptReturn(back, List.of("G-9"), MAX))
        .isInstanceOf(RetailException.class)
        .hasMessage("serial G-9 was not sold on receipt " + sale.number());
    engine.acceptReturn(back, List.of("G-2"), MAX);
    assertThat(engine.warranties().bySerial(DemoStore.ID, "G-2").status())
        .isEqualTo(Warranty.Status.VOID);
    assertThat(engine.warranties().bySerial(DemoStore.ID, "G-1").status())
        .isEqualTo(Warranty.Status.ACTIVE);
    assertThat(onHand("GRINDER")).isEqualByComparingTo("3");
    // three months later G-1 grinds no more
    clock.advance(Duration.ofDays(80));
    assertThat(engine.warranties().claim(DemoStore.ID, "G-1", "burr stuck", MAX).serial())
        .isEqualTo("G-1");
    assertThat(engine.warranties().book().claims(DemoStore.ID, "G-1"))
        .singleElement()
        .satisfies(c -> assertThat(c.description()).isEqualTo("burr stuck"));

    assertThatThrownBy(() -> engine.warranties().claim(DemoStore.ID, "G-2", "noisy", MAX))
        .isInstanceOf(RetailException.class)
        .hasMessage("serial G-2 was returned; its warranty is void");
    // after two years the cover ends
    clock.advance(Duration.ofDays(700));
    assertThatThrownBy(() -> engine.warranties().claim(DemoStore.ID, "G-1", "again", MAX))
        .extracting("code")
        .isEqualTo(ErrorCode.WARRANTY_INVALID);
    assertThat(events(DomainEvent.WarrantyChanged.class))
        .extracting(EventEnvelope::subject)
        .containsExactly(
            "retail.aftersales.warranty.registered.v1",
            "retail.aftersales.warranty.registered.v1",
            "retail.aftersales.warranty.voided.v1",
            "retail.aftersales.warranty.claimed.v1");
  }

  @Test
  void notificationsAreRenderedFromEventsAndDeliveredWithRetries() {
    engine
        .notifications()
        .subscribe(
            new NotificationSubscription(
                DemoStore.ID,
                Notification.Kind.LOW_STOCK,
                Notification.Channel.EMAIL,
                "manager@example.com"));
    engine
        .notifications()
        .subscribe(
            new NotificationSubscription(
                DemoStore.ID,
                Notification.Kind.ORDER_READY,
                Notification.Channel.WEBHOOK,
                "https://shop.example.com/hooks/orders"));
    EngineHost.outbox(engine)
        .markSent(
            EngineHost.outbox(engine).pending(10_000).stream()
                .map(EventEnvelope::eventId)
                .toList());

    // a web order made ready; 41 mugs sold, taking the mugs below their reorder point of 10
    engine.orders().place(order("web-2001", Order.Channel.WEB, Optional.empty(), "TEE-L", 1), ANNA);
    engine.orders().pick(DemoStore.ID, "web-2001", List.of(Pick.of("TEE-L", "1")));
    engine.orders().ready(DemoStore.ID, "web-2001");
    engine.checkout(
        CheckoutRequest.of(
            "till-1:0200",
            BasketRequest.builder(DemoStore.ID)
                .add("MUG", 41)
                .shopper(Shopper.customer("c-1"))
                .build(),
            new Tender.Cash(eur("200.00"))),
        ANNA);

    Reactions reactions = new Reactions(engine, EnumSet.of(Reaction.NOTIFICATIONS));
    List<EventEnvelope> pending = EngineHost.outbox(engine).pending(10_000);
    pending.forEach(reactions::handle);
    pending.forEach(reactions::handle); // redelivered: nothing new
    List<Notification> all = engine.notifications().outbox().list(DemoStore.ID, 100);
    assertThat(all)
        .extracting(Notification::kind, Notification::channel, Notification::recipient)
        .containsExactlyInAnyOrder(
            Tuple.tuple(
                Notification.Kind.ORDER_READY, Notification.Channel.EMAIL, "ada@example.com"),
            Tuple.tuple(
                Notification.Kind.ORDER_READY,
                Notification.Channel.WEBHOOK,
                "https://shop.example.com/hooks/orders"),
            Tuple.tuple(
                Notification.Kind.POINTS_EARNED, Notification.Channel.EMAIL, "ada@example.com"),
            Tuple.tuple(
                Notification.Kind.LOW_STOCK, Notification.Channel.EMAIL, "manager@example.com"));
    Notification ready =
        all.stream()
            .filter(
                n ->
                    n.kind() == Notification.Kind.ORDER_READY
                        && n.channel() == Notification.Channel.EMAIL)
            .findFirst()
            .orElseThrow();
    assertThat(ready.subject()).isEqualTo("Your order web-2001 is ready");
    assertThat(ready.body())
        .isEqualTo(
            "Your order web-2001 is ready for collection at Vruksha Demo, Berlin. Total: 19.99 EUR.");
    Notification low =
        all.stream().filter(n -> n.kind() == Notification.Kind.LOW_STOCK).findFirst().orElseThrow();
    assertThat(low.body())
        .isEqualTo(
            "MUG at Vruksha Demo, Berlin (floor) is down to 9, below its reorder point 10;"
                + " suggested reorder 40.");

    // e-mail goes through; the webhook is down twice, then answers
    List<String> mailed = new ArrayList<>();
    AtomicInteger hookCalls = new AtomicInteger();
    NotificationDelivery email =
        new NotificationDelivery() {
          @Override
          public Notification.Channel channel() {
            return Notification.Channel.EMAIL;
          }

          @Override
          public void deliver(Notification n) {
            mailed.add(n.recipient() + ": " + n.subject());
          }
        };
    NotificationDelivery webhook =
        new NotificationDelivery() {
          @Override
          public Notification.Channel channel() {
            return Notification.Channel.WEBHOOK;
          }

          @Override
          public void deliver(Notification n) {
            if (hookCalls.incrementAndGet() <= 2) {
              throw new IllegalStateException("503 from shop.example.com");
            }
          }
        };
    assertThat(engine.notifications().deliverDue(List.of(email, webhook), 100)).isEqualTo(3);
    assertThat(mailed)
        .hasSize(3)
        .contains("manager@example.com: Low stock: MUG at Vruksha Demo, Berlin");
    Notification hook =
        all.stream()
            .filter(n -> n.channel() == Notification.Channel.WEBHOOK)
            .findFirst()
            .orElseThrow();
    Notification afterOne =
        engine.notifications().outbox().find(DemoStore.ID, hook.id()).orElseThrow();
    assertThat(afterOne.status()).isEqualTo(Notification.Status.PENDING);
    assertThat(afterOne.attempts()).isEqualTo(1);
    assertThat(afterOne.lastError()).contains("503 from shop.example.com");
    assertThat(afterOne.nextAttemptAt()).isEqualTo(NOON.plusSeconds(30));
    // not due yet: nothing happens; then 30 s and 60 s later it is retried
    assertThat(engine.notifications().deliverDue(List.of(email, webhook), 100)).isZero();
    clock.advance(Duration.ofSeconds(30));
    assertThat(engine.notifications().deliverDue(List.of(email, webhook), 100)).isZero();
    clock.advance(Duration.ofSeconds(60));
    assertThat(engine.notifications().deliverDue(List.of(email, webhook), 100)).isEqualTo(1);
    Notification sent = engine.notifications().outbox().find(DemoStore.ID, hook.id()).orElseThrow();
    assertThat(sent.status()).isEqualTo(Notification.Status.SENT);
    assertThat(sent.attempts()).isEqualTo(3);
    assertThat(events(DomainEvent.NotificationChanged.class))
        .extracting(EventEnvelope::subject)
        .containsOnly("retail.notification.notification.sent.v1")
        .hasSize(4);
  }

  @Test
  void aNotificationIsGivenUpAfterFiveAttempts() {
    engine
        .notifications()
        .subscribe(
            new NotificationSubscription(
                DemoStore.ID,
                Notification.Kind.ORDER_READY,
                Notification.Channel.SMS,
                "+49 30 1234567"));
    engine.orders().place(order("web-3001", Order.Channel.WEB, Optional.empty(), "TEE-L", 1), ANNA);
    engine.orders().pick(DemoStore.ID, "web-3001", List.of(Pick.of("TEE-L", "1")));
    engine.orders().ready(DemoStore.ID, "web-3001");
    Reactions reactions = new Reactions(engine, EnumSet.of(Reaction.NOTIFICATIONS));
    EngineHost.outbox(engine).pending(10_000).forEach(reactions::handle);
    NotificationDelivery broken =
        new NotificationDelivery() {
          @Override
          public Notification.Channel channel() {
            return Notification.Channel.SMS;
          }

          @Override
          public void deliver(Notification n) {
            throw new IllegalStateException("gateway refused");
          }
        };
    for (int i = 0; i < 6; i++) {
      engine.notifications().deliverDue(List.of(broken), 100);
      clock.advance(Duration.ofMinutes(10));
    }
    Notification sms =
        engine.notifications().outbox().list(DemoStore.ID, 10).stream()
            .filter(n -> n.channel() == Notification.Channel.SMS)
            .findFirst()
            .orElseThrow();
    assertThat(sms.status()).isEqualTo(Notification.Status.FAILED);
    assertThat(sms.attempts()).isEqualTo(5);
    // the e-mail to the customer has no delivery here and simply waits
    assertThat(engine.notifications().outbox().list(DemoStore.ID, 10))
        .filteredOn(n -> n.channel() == Notification.Channel.EMAIL)
        .singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo(Notification.Status.PENDING));
  }
}

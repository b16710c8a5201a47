package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Pick;
import io.vruksha.retail.order.PlaceOrder;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code retail report orders} and {@code warranties} on a day of web and kiosk orders. */
class OrdersReportIT {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  private static final Actor ANNA = Actor.cashier("anna");

  private static PlaceOrder order(
      String id, Order.Channel channel, String sku, int n, String paid) {
    return new PlaceOrder(
        id,
        DemoStore.ID,
        channel,
        Optional.empty(),
        "shopper@example.com",
        Map.of(Sku.of(sku), BigDecimal.valueOf(n)),
        paid == null
            ? Optional.empty()
            : Optional.of(new Order.Prepayment(Money.of(paid, "EUR"), "psp-" + id)),
        PlaceOrder.DEFAULT_HOLD);
  }

  @Test
  void ordersAndWarrantiesOfTheDay() {
    PostgresDatabase db = TestDatabase.fresh();
    RetailEngine engine =
        PostgresAdapters.use(db, DemoStore.engineBuilder())
            .clock(Clock.fixed(NOON, ZoneOffset.UTC))
            .build();
    DemoStore.seed(engine);
    // web: 2 T-shirts prepaid (39.98), picked short and collected (19.99 refunded)
    engine.orders().place(order("web-1", Order.Channel.WEB, "TEE-M", 2, "39.98"), ANNA);
    engine.orders().pick(DemoStore.ID, "web-1", List.of(Pick.of("TEE-M", "1")));
    engine.orders().ready(DemoStore.ID, "web-1");
    engine.orders().collect(DemoStore.ID, "web-1", List.of(), Map.of(), ANNA);
    // web: a mug prepaid (4.99), cancelled and refunded; kiosk: 2 cakes still open (19.80)
    engine.orders().place(order("web-2", Order.Channel.WEB, "MUG", 1, "4.99"), ANNA);
    engine.orders().cancel(DemoStore.ID, "web-2");
    engine.orders().place(order("kiosk-1", Order.Channel.KIOSK, "CAKE", 2, null), ANNA);
    // a serialised T-shirt L sold with its serial, then claimed
    engine.warranties().serialise(Sku.of("TEE-L"), 24);
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                "till-1:1",
                BasketRequest.builder(DemoStore.ID).add("TEE-L", 1).build(),
                new Tender.Cash(Money.of("20.00", "EUR"))),
            Map.of(Sku.of("TEE-L"), List.of("SN-1")),
            ANNA);
    engine.warranties().claim(DemoStore.ID, "SN-1", "seam", ANNA);

    CliRun orders =
        CliRun.run(
            CliRun.env(db),
            "report",
            "orders",
            "--store",
            "demo",
            "--from",
            "2026-11-24",
            "--format",
            "csv");
    assertThat(orders.code()).as(orders.toString()).isZero();
    assertThat(orders.row("channel", "WEB"))
        .containsEntry("placed", "2")
        .containsEntry("collected", "1")
        .containsEntry("cancelled", "1")
        .containsEntry("open", "0")
        .containsEntry("ordered", "44.97")
        .containsEntry("collected_value", "39.98")
        .containsEntry("refunded", "24.98")
        .containsEntry("currency", "EUR");
    assertThat(orders.row("channel", "KIOSK"))
        .containsEntry("placed", "1")
        .containsEntry("open", "1")
        .containsEntry("ordered", "19.80");
    assertThat(orders.row("channel", "TOTAL"))
        .containsEntry("placed", "3")
        .containsEntry("ordered", "64.77")
        .containsEntry("refunded", "24.98");

    CliRun warranties =
        CliRun.run(
            CliRun.env(db),
            "report",
            "warranties",
            "--store",
            "demo",
            "--from",
            "2026-11-24",
            "--format",
            "csv");
    assertThat(warranties.code()).as(warranties.toString()).isZero();
    assertThat(warranties.row("serial", "SN-1"))
        .containsEntry("sku", "TEE-L")
        .containsEntry("receipt", sale.number())
        .containsEntry("sold", "2026-11-24")
        .containsEntry("ends", "2028-11-24")
        .containsEntry("status", "ACTIVE")
        .containsEntry("claims", "1");
  }
}

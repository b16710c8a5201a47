package io.vruksha.retail.cli;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A day at the demo store, made through the engine on a fresh database: three checkouts in one
 * shift (cash with a loyalty customer and a coupon, card, cash), one return to cash, the shift
 * closed with the drawer and card batch counted as expected, and the analytics reaction run over
 * the outbox.
 */
final class SeededDay {

  static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");
  static final String DAY = "2026-11-24";

  final PostgresDatabase db;
  final RetailEngine engine;
  final Shift shift;
  final List<Sale> sales;
  final ReturnReceipt back;
  final ShiftReport z;

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  SeededDay() {
    this(eur("0.00"));
  }

  /** The day, with the drawer counted {@code cashOff} away from what was expected. */
  SeededDay(Money cashOff) {
    this(
        cashOff,
        Clock.systemUTC(),
        List.of(NOON, NOON.plusSeconds(60), NOON.plusSeconds(120), NOON.plusSeconds(300)));
  }

  /**
   * The day on {@code clock} (which dates the shift, the Z report and every other record the engine
   * makes), the three sales and the return at the four instants of {@code at}.
   */
  SeededDay(Money cashOff, Clock clock, List<Instant> at) {
    db = TestDatabase.fresh();
    engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).clock(clock).build();
    DemoStore.seed(engine);
    shift = engine.registers().open(DemoStore.ID, "till-1", eur("100.00"), Actor.cashier("anna"));
    Sale first =
        engine.checkout(
            CheckoutRequest.of(
                    "till-1:0001",
                    BasketRequest.builder(DemoStore.ID)
                        .at(at.get(0))
                        .add("COFFEE", 2)
                        .add("TEE-M", 1)
                        .add("MUG", 1)
                        .shopper(Shopper.customer("c-1"))
                        .coupon("WELCOME10")
                        .build(),
                    new Tender.Cash(eur("40.00")))
                .inShift(shift.id()),
            Actor.cashier("anna"));
    Sale second =
        engine.checkout(
            CheckoutRequest.of(
                    "till-1:0002",
                    BasketRequest.builder(DemoStore.ID).at(at.get(1)).add("TEE-L", 1).build(),
                    new Tender.Card(eur("19.99"), "auth-0002"))
                .inShift(shift.id()),
            Actor.cashier("anna"));
    Sale third =
        engine.checkout(
            CheckoutRequest.of(
                    "till-1:0003",
                    BasketRequest.builder(DemoStore.ID).at(at.get(2)).add("CAKE", 1).build(),
                    new Tender.Cash(eur("10.00")))
                .inShift(shift.id()),
            Actor.cashier("anna"));
    sales = List.of(first, second, third);
    back =
        engine.acceptReturn(
            ReturnRequest.of("r-1", first.id(), new ReturnRequest.Item(2, BigDecimal.ONE, true))
                .at(at.get(3))
                .inShift(shift.id()),
            Actor.supervisor("sam"));
    Money expected = engine.registers().xReport(shift.id()).expectedCash();
    z =
        engine
            .registers()
            .close(
                shift.id(),
                Map.of("CASH", expected.plus(cashOff), "CARD", eur("19.99")),
                Actor.cashier("anna"));
    Reactions reactions = new Reactions(engine, EnumSet.of(Reaction.ANALYTICS));
    for (EventEnvelope e : EngineHost.outbox(engine).pending(10_000)) {
      reactions.handle(e);
    }
  }

  Map<String, String> env() {
    return CliRun.env(db);
  }
}

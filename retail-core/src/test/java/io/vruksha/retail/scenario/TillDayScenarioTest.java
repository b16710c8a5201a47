package io.vruksha.retail.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.AppliedTender;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * A day at the till, from the cashier's point of view, every figure worked out by hand: open a
 * shift, sell three lines with a "2nd coffee half price" and a coupon, pay part with points and the
 * rest in cash with change, take one unit back, close with a counted drawer.
 */
class TillDayScenarioTest {

  private static final Instant NOON = Instant.parse("2026-11-24T11:00:00Z");

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  @Test
  void aDayAtTheTill() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    RetailEngine engine =
        DemoStore.engineBuilder()
            .reactInProcess(false)
            .clock(Clock.fixed(NOON, ZoneOffset.UTC))
            .outbox(outbox)
            .build();
    DemoStore.seed(engine);
    outbox.markSent(outbox.pending(1_000).stream().map(EventEnvelope::eventId).toList());
    engine
        .loyalty()
        .orElseThrow()
        .ledger()
        .append(
            new LoyaltyEntry(
                "c-1", LoyaltyEntry.Kind.EARN, 500, 0, "earlier", NOON.minusSeconds(86_400)));
    Actor anna = Actor.cashier("anna");
    Actor sam = Actor.supervisor("sam");

    // 1. open the shift with a 100.00 float
    Shift shift = engine.registers().open(DemoStore.ID, "till-1", eur("100.00"), anna);

    // 2. sell: 2 coffees (2nd half price), a T-shirt, a mug, coupon WELCOME10 (10% off the basket)
    BasketRequest basket =
        BasketRequest.builder(DemoStore.ID)
            .at(NOON)
            .add("COFFEE", 2)
            .add("TEE-M", 1)
            .add("MUG", 1)
            .shopper(Shopper.customer("c-1"))
            .coupon("WELCOME10")
            .build();
    // 3. 500 points (= 5.00) and 30.00 cash
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                    "till-1:0001", basket, new Tender.Points(500), new Tender.Cash(eur("30.00")))
                .inShift(shift.id()),
            anna);

    // coffee: 2 x 6.49 = 12.98; the second at half price: 6.49 / 2 = 3.245 -> 3.25 off
    // after item deals: coffee units 6.49 + 3.24, shirt 19.99, mug 4.99 = 34.71 (< 50: no
    // spend-50) then 10%: 34.71 -> 3.471 -> 3.47, spread by largest remainder over the units
    // (cents x weight / 3471): 64.88 / 32.39 / 199.84 / 49.89 -> floors 64 + 32 + 199 + 49 = 344,
    // 3 cents to the remainders .89 (mug), .88 (coffee 1), .84 (shirt): 0.65 / 0.32 / 2.00 / 0.50
    assertThat(sale.basket().line(0).discountTotal()).isEqualTo(eur("4.22")); // 3.25 + 0.65 + 0.32
    assertThat(sale.basket().line(0).total()).isEqualTo(eur("8.76"));
    assertThat(sale.basket().line(1).total()).isEqualTo(eur("17.99"));
    assertThat(sale.basket().line(2).total()).isEqualTo(eur("4.49"));
    assertThat(sale.total()).isEqualTo(eur("31.24")); // 37.96 - 3.25 - 3.47
    // VAT: coffee 8.76 x 7/107 = 0.573 -> 0.57; shirt 17.99 x 19/119 = 2.872 -> 2.87;
    // mug 4.49 x 19/119 = 0.717 -> 0.72; 4.16 in all
    assertThat(sale.basket().tax()).isEqualTo(eur("4.16"));
    // cash due 31.24 - 5.00 = 26.24; change 30.00 - 26.24 = 3.76
    assertThat(sale.tenders())
        .containsExactly(
            new AppliedTender(TenderKind.CASH, eur("26.24"), ""),
            new AppliedTender(TenderKind.POINTS, eur("5.00"), "500"));
    assertThat(sale.change()).isEqualTo(eur("3.76"));
    // points on the net: coffee 8.19 x 2 = 16.38 -> 16; shirt 15.12 -> 15; mug 3.77 -> 3
    assertThat(sale.pointsPerLine()).containsExactly(16L, 15L, 3L);
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isEqualTo(34); // 500 - 500 + 34

    // 4. the mug comes back, restocked, cash out of the drawer
    ReturnReceipt back =
        engine.acceptReturn(
            ReturnRequest.of(
                    "till-1:r-0001", sale.id(), new ReturnRequest.Item(2, BigDecimal.ONE, true))
                .at(NOON)
                .inShift(shift.id()),
            sam);
    assertThat(back.refund()).isEqualTo(eur("4.49"));
    assertThat(back.tax()).isEqualTo(eur("0.72"));
    assertThat(back.refundTo()).isEqualTo("CASH");
    assertThat(engine.loyalty().orElseThrow().balance("c-1")).isEqualTo(31); // 34 - 3

    // 5. close: expected cash 100.00 + 26.24 - 4.49 = 121.75; counted 121.70 -> 0.05 short
    ShiftReport z =
        engine
            .registers()
            .close(shift.id(), Map.of("CASH", eur("121.70"), "POINTS", eur("5.00")), anna);
    assertThat(z.number()).contains("Z001-2026-000001");
    assertThat(z.salesCount()).isEqualTo(1);
    assertThat(z.grossSales()).isEqualTo(eur("31.24"));
    assertThat(z.returns()).isEqualTo(eur("4.49"));
    assertThat(z.discounts()).isEqualTo(eur("6.72"));
    assertThat(z.tenders())
        .containsEntry("CASH", eur("21.75"))
        .containsEntry("POINTS", eur("5.00"));
    assertThat(z.expectedCash()).isEqualTo(eur("121.75"));
    assertThat(z.overShort()).contains(eur("-0.05"));
    assertThat(z.overShortByTender())
        .containsEntry("CASH", eur("-0.05"))
        .containsEntry("POINTS", eur("0.00"));
    // 19%: shirt 15.12 / 2.87 (the mug's 3.77 / 0.72 came back); 7%: coffee 8.19 / 0.57
    assertThat(z.taxByRate())
        .extracting(
            TaxBreakdownEntry::rateCode, TaxBreakdownEntry::taxableBase, TaxBreakdownEntry::tax)
        .containsExactlyInAnyOrder(
            Tuple.tuple("DE19", eur("15.12"), eur("2.87")),
            Tuple.tuple("DE7", eur("8.19"), eur("0.57")));

    // stock: coffee 30 - 2, shirt 20 - 1, mug 50 - 1 + 1
    assertThat(onHand(engine, "COFFEE")).isEqualByComparingTo("28");
    assertThat(onHand(engine, "TEE-M")).isEqualByComparingTo("19");
    assertThat(onHand(engine, "MUG")).isEqualByComparingTo("50");

    // the journal: invoice, credit note, Z report, chained and verified
    assertThat(engine.journal().entries(DemoStore.ID))
        .extracting(FiscalDocument::number)
        .containsExactly("S001-2026-000001", "C001-2026-000001", "Z001-2026-000001");
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();

    // the events, in the order their facts happened
    assertThat(outbox.pending(100))
        .extracting(EventEnvelope::subject)
        .containsExactly(
            "retail.inventory.stock.updated.v1",
            "retail.inventory.stock.updated.v1",
            "retail.inventory.stock.updated.v1",
            "retail.customer.loyalty.points.earned.v1",
            "retail.pos.sale.completed.v1",
            "retail.billing.invoice.created.v1",
            "retail.inventory.stock.updated.v1",
            "retail.pos.return.completed.v1",
            "retail.billing.invoice.created.v1",
            "retail.pos.shift.closed.v1");
  }

  private static BigDecimal onHand(RetailEngine engine, String sku) {
    return engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of(sku))).onHand();
  }
}

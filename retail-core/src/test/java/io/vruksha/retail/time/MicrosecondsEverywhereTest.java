package io.vruksha.retail.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketRequest;
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
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * An engine on a clock with nanosecond digits, given instants with nanosecond digits by its caller,
 * holds only microseconds: what it keeps in memory is what PostgreSQL would keep.
 */
class MicrosecondsEverywhereTest {

  private static final Instant CLOCK = Instant.parse("2026-03-29T01:59:59.123456789Z");

  @Test
  void everyInstantTheEngineKeepsIsMicroseconds() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    RetailEngine engine =
        DemoStore.engineBuilder()
            .reactInProcess(false)
            .clock(Clock.fixed(CLOCK, ZoneId.of("Europe/Berlin")))
            .outbox(outbox)
            .build();
    DemoStore.seed(engine);
    assertThat(engine.clock().instant()).isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));

    Shift shift =
        engine
            .registers()
            .open(DemoStore.ID, "till-1", Money.of("100.00", "EUR"), Actor.cashier("anna"));
    Sale sale =
        engine.checkout(
            CheckoutRequest.of(
                    "till-1:1",
                    BasketRequest.builder(DemoStore.ID)
                        .at(Instant.parse("2026-03-29T00:59:59.999999999Z"))
                        .add("MUG", 2)
                        .build(),
                    new Tender.Cash(Money.of("10.00", "EUR")))
                .inShift(shift.id()),
            Actor.cashier("anna"));
    ReturnReceipt back =
        engine.acceptReturn(
            ReturnRequest.of("r-1", sale.id(), new ReturnRequest.Item(0, BigDecimal.ONE, true))
                .at(Instant.parse("2026-03-29T01:30:00.000000999Z"))
                .inShift(shift.id()),
            Actor.supervisor("sam"));
    ShiftReport z =
        engine
            .registers()
            .close(
                shift.id(),
                engine.registers().xReport(shift.id()).expectedCash(),
                Actor.cashier("anna"));

    assertThat(shift.openedAt()).isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
    assertThat(sale.at()).isEqualTo(Instant.parse("2026-03-29T00:59:59.999999Z"));
    assertThat(sale.basket().at()).isEqualTo(sale.at());
    assertThat(back.at()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(z.at()).isEqualTo(Instant.parse("2026-03-29T01:59:59.123456Z"));
    assertThat(engine.billing().invoices().list(DemoStore.ID))
        .allSatisfy(i -> assertThat(Instants.isMicros(i.issuedAt())).isTrue());
    assertThat(engine.journal().entries(DemoStore.ID))
        .extracting(FiscalDocument::issuedAt)
        .allSatisfy(at -> assertThat(Instants.isMicros(at)).isTrue())
        .hasSize(3);
    assertThat(outbox.pending(1_000))
        .extracting(EventEnvelope::occurredAt)
        .isNotEmpty()
        .allSatisfy(at -> assertThat(Instants.isMicros(at)).isTrue());
    assertThat(engine.journal().verify(DemoStore.ID)).isEmpty();
  }
}

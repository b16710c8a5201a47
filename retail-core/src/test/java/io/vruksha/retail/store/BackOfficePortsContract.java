package io.vruksha.retail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every adapter of the back-office ports must show: {@link Stores}, {@link Staff},
 * {@link Shifts}, {@link Invoices}, {@link Procurement}, {@link LoyaltyLedger} and {@link Outbox}.
 */
public abstract class BackOfficePortsContract {

  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  private static final StoreId S1 = StoreId.of("s1");
  private static final Currency EUR = Currency.getInstance("EUR");

  /** New, empty adapters for each test. */
  protected abstract Stores newStores();

  /** A new, empty staff adapter. */
  protected abstract Staff newStaff();

  /** A new, empty shifts adapter. */
  protected abstract Shifts newShifts();

  /** A new, empty invoices adapter. */
  protected abstract Invoices newInvoices();

  /** A new, empty procurement adapter. */
  protected abstract Procurement newProcurement();

  /** A new, empty loyalty ledger. */
  protected abstract LoyaltyLedger newLoyaltyLedger();

  /** A new, empty outbox. */
  protected abstract Outbox newOutbox();

  /** A port with the unit of work its writes join. */
  public record Transactional<T>(T port, UnitOfWork work) {}

  /** An empty outbox and its unit of work. */
  protected abstract Transactional<Outbox> newTransactionalOutbox();

  /** Whether two units of work can be open at once (the in-memory ones run one at a time). */
  protected boolean unitsOfWorkRunSideBySide() {
    return true;
  }

  @Test
  void storesAreListedById() {
    Stores stores = newStores();
    stores.save(new Store(StoreId.of("b"), "B", EUR, ZoneId.of("UTC"), CashRounding.NONE));
    stores.save(new Store(StoreId.of("a"), "A", EUR, ZoneId.of("UTC"), CashRounding.NONE));
    assertThat(stores.all()).extracting(s -> s.id().value()).containsExactly("a", "b");
    assertThat(stores.find(StoreId.of("z"))).isEmpty();
  }

  @Test
  void staffAndAttendanceAreKept() {
    Staff staff = newStaff();
    staff.save(new StaffMember("anna", "Anna", S1, Role.CASHIER));
    staff.saveAttendance(new Staff.Attendance("anna", S1, T0, Optional.empty()));
    staff.saveAttendance(new Staff.Attendance("anna", S1, T0, Optional.of(T0.plusSeconds(3600))));
    assertThat(staff.list(S1)).extracting(StaffMember::staffId).containsExactly("anna");
    assertThat(staff.attendance("anna"))
        .singleElement()
        .satisfies(a -> assertThat(a.out()).contains(T0.plusSeconds(3600)));
  }

  @Test
  void aRegisterHasAtMostOneOpenShiftFound() {
    Shifts shifts = newShifts();
    Shift open =
        new Shift(
            "sh-1",
            S1,
            "till-1",
            "anna",
            T0,
            Money.of("100.00", "EUR"),
            List.of(),
            Optional.empty());
    shifts.save(open);
    assertThat(shifts.openOn(S1, "till-1")).contains(open);
    assertThat(shifts.openOn(S1, "till-2")).isEmpty();
    assertThat(shifts.list(S1)).containsExactly(open);
  }

  @Test
  void shiftsOpenedAtTheSameInstantAreListedByIdInBothOrders() {
    Shifts shifts = newShifts();
    Shift b = openShift("sh-b", "till-1", T0);
    Shift a = openShift("sh-a", "till-2", T0);
    Shift c = openShift("sh-c", "till-3", T0.minusSeconds(1));
    shifts.save(b);
    shifts.save(a);
    shifts.save(c);
    assertThat(shifts.list(S1)).containsExactly(c, a, b);
    assertThat(shifts.list(S1, Optional.empty(), Optional.empty(), 10)).containsExactly(b, a, c);
  }

  private static Shift openShift(String id, String register, Instant at) {
    return new Shift(
        id, S1, register, "anna", at, Money.of("100.00", "EUR"), List.of(), Optional.empty());
  }

  @Test
  void shiftsAreListedByRegisterAndStatusNewestFirst() {
    Shifts shifts = newShifts();
    Shift closed = closedShift("sh-1", "till-1", T0);
    Shift open1 =
        new Shift(
            "sh-2",
            S1,
            "till-1",
            "anna",
            T0.plusSeconds(3600),
            Money.of("100.00", "EUR"),
            List.of(),
            Optional.empty());
    Shift open2 =
        new Shift(
            "sh-3",
            S1,
            "till-2",
            "anna",
            T0.plusSeconds(7200),
            Money.of("100.00", "EUR"),
            List.of(),
            Optional.empty());
    shifts.save(closed);
    shifts.save(open1);
    shifts.save(open2);
    Optional<String> any = Optional.empty();
    Optional<Boolean> either = Optional.empty();
    assertThat(shifts.list(S1, any, either, 10)).containsExactly(open2, open1, closed);
    assertThat(shifts.list(S1, any, either, 1)).containsExactly(open2);
    assertThat(shifts.list(S1, Optional.of("till-1"), either, 10)).containsExactly(open1, closed);
    assertThat(shifts.list(S1, Optional.of("till-1"), Optional.of(true), 10))
        .containsExactly(open1);
    assertThat(shifts.list(S1, any, Optional.of(false), 10)).containsExactly(closed);
    assertThat(shifts.list(StoreId.of("s2"), any, either, 10)).isEmpty();
  }

  /** A shift opened and closed by the engine, as it is stored. */
  private static Shift closedShift(String id, String register, Instant at) {
    var engine = DemoStore.inMemory();
    Shift opened =
        engine
            .registers()
            .open(DemoStore.ID, register, Money.of("100.00", "EUR"), Actor.cashier("anna"));
    engine
        .registers()
        .close(opened.id(), Map.of("CASH", Money.of("100.00", "EUR")), Actor.cashier("anna"));
    Shift done = engine.registers().shifts().find(opened.id()).orElseThrow();
    return new Shift(
        id,
        S1,
        register,
        done.openedBy(),
        at,
        done.openingFloat(),
        done.cashMovements(),
        done.closing());
  }

  @Test
  void invoicesAreFoundByNumberAndSale() {
    Invoices invoices = newInvoices();
    Invoice i =
        new Invoice(
            "S001-2026-000001",
            S1,
            Optional.of("sale-1"),
            Optional.empty(),
            Optional.empty(),
            T0,
            T0,
            Money.of("10.00", "EUR"),
            Money.of("1.60", "EUR"),
            List.of(),
            Invoice.Status.PAID,
            List.of(),
            Money.zero(EUR));
    invoices.save(i);
    assertThat(invoices.find(S1, "S001-2026-000001")).contains(i);
    // another store numbers its documents from 1 too: its invoice of the same number is its own
    Invoice other =
        new Invoice(
            "S001-2026-000001",
            StoreId.of("s2"),
            Optional.of("sale-2"),
            Optional.empty(),
            Optional.empty(),
            T0,
            T0,
            Money.of("20.00", "EUR"),
            Money.of("3.19", "EUR"),
            List.of(),
            Invoice.Status.PAID,
            List.of(),
            Money.zero(EUR));
    invoices.save(other);
    assertThat(invoices.find(S1, "S001-2026-000001")).contains(i);
    assertThat(invoices.find(StoreId.of("s2"), "S001-2026-000001")).contains(other);
    assertThat(invoices.find(StoreId.of("s3"), "S001-2026-000001")).isEmpty();
    assertThat(invoices.forSale("sale-1")).contains(i);
    assertThat(invoices.list(S1)).containsExactly(i);
  }

  @Test
  void suppliersAreFoundBySkuAndOrdersByStore() {
    Procurement p = newProcurement();
    p.saveSupplier(
        new Supplier(
            "kiln", "Kiln", Map.of(Sku.of("MUG"), new Supplier.Item(Money.of("1.70", "EUR"), 5))));
    assertThat(p.suppliersOf(Sku.of("MUG"))).extracting(Supplier::id).containsExactly("kiln");
    assertThat(p.suppliersOf(Sku.of("TEE"))).isEmpty();
    PurchaseOrder po =
        new PurchaseOrder(
            "po-1",
            S1,
            "kiln",
            PurchaseOrder.Status.DRAFTED,
            List.of(
                new PurchaseOrder.Line(
                    Sku.of("MUG"), BigDecimal.TEN, BigDecimal.ZERO, Money.of("1.70", "EUR"))),
            T0);
    p.saveOrder(po);
    assertThat(p.order("po-1")).contains(po);
    assertThat(p.orders(S1)).containsExactly(po);
  }

  @Test
  void theLoyaltyBalanceIsTheSumOfTheEntries() {
    LoyaltyLedger ledger = newLoyaltyLedger();
    ledger.append(new LoyaltyEntry("c", LoyaltyEntry.Kind.EARN, 120, 12_000, "s1", T0));
    ledger.append(new LoyaltyEntry("c", LoyaltyEntry.Kind.REDEEM, -100, 0, "s2", T0));
    assertThat(ledger.balance("c")).isEqualTo(20);
    assertThat(ledger.entries("c")).hasSize(2);
  }

  @Test
  void theOutboxHandsOutPendingEventsOldestFirstUntilMarkedSent() {
    Outbox outbox = newOutbox();
    EventEnvelope a = EventEnvelope.of(new DomainEvent.CustomerCreated(S1, "a", false), T0, "x");
    EventEnvelope b = EventEnvelope.of(new DomainEvent.CustomerCreated(S1, "b", false), T0, "x");
    outbox.append(a);
    outbox.append(b);
    assertThat(outbox.pending(10)).containsExactly(a, b);
    assertThat(outbox.pending(1)).containsExactly(a);
    assertThat(outbox.pendingCount()).isEqualTo(2);
    outbox.markSent(List.of(a.eventId()));
    assertThat(outbox.pending(10)).containsExactly(b);
    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(a.subject()).isEqualTo("retail.customer.customer.created.v1");
  }

  @Test
  void eventsClaimedAsSentAreSentWhenTheUnitCommitsAndWaitInTheirOrderWhenItRollsBack() {
    Transactional<Outbox> t = newTransactionalOutbox();
    Outbox outbox = t.port();
    List<EventEnvelope> events = customersCreated(3);
    events.forEach(outbox::append);
    EventEnvelope a = events.get(0);
    EventEnvelope b = events.get(1);
    EventEnvelope c = events.get(2);

    // a relay whose publish failed: the marks go with the unit
    assertThatThrownBy(
            () ->
                t.work()
                    .run(
                        () -> {
                          assertThat(outbox.claimAsSent(2)).containsExactly(a, b);
                          // marked in this unit: the next claim goes on from there
                          assertThat(outbox.claimAsSent(2)).containsExactly(c);
                          throw new IllegalStateException("NATS did not acknowledge the batch");
                        }))
        .hasMessageContaining("did not acknowledge");
    assertThat(outbox.pending(10)).containsExactly(a, b, c);
    assertThat(outbox.pendingCount()).isEqualTo(3);

    // a relay whose batch was acknowledged
    assertThat(t.work().run(() -> outbox.claimAsSent(2))).containsExactly(a, b);
    assertThat(outbox.pending(10)).containsExactly(c);
    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(t.work().run(() -> outbox.claimAsSent(2))).containsExactly(c);
    assertThat(t.work().run(() -> outbox.claimAsSent(2))).isEmpty();
    assertThat(outbox.pending(10)).isEmpty();
  }

  @Test
  void aSecondRelayClaimsPastEventsAnotherRelayHoldsUntilItsUnitEnds() throws Exception {
    assumeTrue(unitsOfWorkRunSideBySide(), "units of work run one at a time here");
    Transactional<Outbox> t = newTransactionalOutbox();
    Outbox outbox = t.port();
    List<EventEnvelope> events = customersCreated(5);
    events.forEach(outbox::append);
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService first = Executors.newSingleThreadExecutor();
    try {
      Future<List<EventEnvelope>> held =
          first.submit(
              () ->
                  t.work()
                      .run(
                          () -> {
                            List<EventEnvelope> batch = outbox.claimAsSent(2);
                            claimed.countDown();
                            await(release);
                            return batch;
                          }));
      assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
      // while the first relay waits for its acknowledgements, the next batch is the next events
      assertThat(t.work().run(() -> outbox.claimAsSent(2)))
          .containsExactly(events.get(2), events.get(3));
      release.countDown();
      assertThat(held.get(10, TimeUnit.SECONDS)).containsExactly(events.get(0), events.get(1));
    } finally {
      release.countDown();
      first.shutdownNow();
    }
    assertThat(outbox.pending(10)).containsExactly(events.get(4));
  }

  private static List<EventEnvelope> customersCreated(int n) {
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(
          EventEnvelope.of(new DomainEvent.CustomerCreated(S1, "c" + i, false), T0, "x" + i));
    }
    return events;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

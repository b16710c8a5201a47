package io.vruksha.retail.register;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.sale.AppliedTender;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxAmount;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Registers and their shifts: open with a float, cash in and out with a reason, X reports, and the
 * counted close that issues a numbered Z report chained into the store's journal. Thread-safe when
 * its ports are.
 */
public final class Registers {

  /** The series of Z reports. */
  public static final String Z_SERIES = "Z001";

  private final Shifts shifts;
  private final Sales sales;
  private final FiscalJournal journal;
  private final UnitOfWork work;
  private final Clock clock;
  private final Outbox outbox;
  private final BiFunction<StoreId, String, List<Payment>> payments;

  /** Registers over the given ports. */
  public Registers(
      Shifts shifts,
      Sales sales,
      FiscalJournal journal,
      Outbox outbox,
      UnitOfWork work,
      Clock clock) {
    this(shifts, sales, journal, outbox, work, clock, (store, sale) -> List.of());
  }

  /**
   * Registers whose reports break provider payments down by provider: {@code payments} gives the
   * payments through providers that paid a sale (by store and sale id).
   */
  public Registers(
      Shifts shifts,
      Sales sales,
      FiscalJournal journal,
      Outbox outbox,
      UnitOfWork work,
      Clock clock,
      BiFunction<StoreId, String, List<Payment>> payments) {
    this.payments = Objects.requireNonNull(payments, "payments");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.shifts = Objects.requireNonNull(shifts, "shifts");
    this.sales = Objects.requireNonNull(sales, "sales");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The shifts port, for lookups. */
  public Shifts shifts() {
    return shifts;
  }

  /** Opens a shift on a register with a float; a register has at most one open shift. */
  public Shift open(StoreId store, String registerId, Money openingFloat, Actor by) {
    if (openingFloat.isNegative()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "an opening float cannot be negative");
    }
    return work.runFor(
        store,
        () -> {
          Optional<Shift> already = shifts.openOn(store, registerId);
          if (already.isPresent()) {
            // the shift's id, so a till that restarted finds the shift it left open
            throw new RuleViolationException(
                ErrorCode.SHIFT_STATE,
                "register "
                    + registerId
                    + " already has an open shift, "
                    + already.get().id()
                    + ": close it or carry on with it",
                List.of("registerId"));
          }
          Shift shift =
              new Shift(
                  UUID.randomUUID().toString(),
                  store,
                  registerId,
                  by.staffId(),
                  clock.instant(),
                  openingFloat,
                  List.of(),
                  Optional.empty());
          shifts.save(shift);
          return shift;
        });
  }

  /** Puts cash into (positive) or takes it out of (negative) the drawer; needs OPEN_DRAWER. */
  public Shift moveCash(String shiftId, Money amount, String reason, Actor by) {
    by.require(Permission.OPEN_DRAWER, "open the drawer");
    if (reason == null || reason.isBlank() || amount.isZero()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "cash in or out needs an amount and a reason");
    }
    return work.run(
        () -> {
          Shift shift = requireOpen(shiftId);
          List<Shift.CashMovement> moves = new ArrayList<>(shift.cashMovements());
          moves.add(new Shift.CashMovement(amount, reason, by.staffId(), clock.instant()));
          Shift updated =
              new Shift(
                  shift.id(),
                  shift.store(),
                  shift.registerId(),
                  shift.openedBy(),
                  shift.openedAt(),
                  shift.openingFloat(),
                  moves,
                  Optional.empty());
          shifts.save(updated);
          return updated;
        });
  }

  /** The X report: the shift's figures so far. Changes nothing. */
  public ShiftReport xReport(String shiftId) {
    Shift shift = requireOpen(shiftId);
    return report(shift, clock.instant(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Closes a shift with the counted cash: the Z report gives over/short (counted − expected), is
   * numbered {@code Z001-YYYY-NNNNNN} and chained into the store's journal.
   */
  public ShiftReport close(String shiftId, Money countedCash, Actor by) {
    return close(shiftId, Map.of("CASH", countedCash), by);
  }

  /**
   * Closes a shift with what was counted per tender — the drawer under {@code "CASH"}, the card
   * terminal's batch under {@code "CARD"}, ... — each compared with what the shift expects. The
   * cash count is required.
   */
  public ShiftReport close(String shiftId, Map<String, Money> counted, Actor by) {
    Money countedCash = counted.get("CASH");
    if (countedCash == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "closing a shift needs the counted cash");
    }
    return work.run(
        () -> {
          Shift shift = requireOpen(shiftId);
          Instant at = clock.instant();
          String number = journal.nextNumber(shift.store(), Z_SERIES, at);
          ShiftReport draft =
              report(shift, at, Optional.of(number), Optional.of(countedCash), Optional.empty());
          FiscalDocument z =
              journal.append(
                  shift.store(),
                  DocumentKind.Z_REPORT,
                  number,
                  at,
                  draft.grossSales().minus(draft.returns()),
                  draft.taxByRate().stream()
                      .map(TaxBreakdownEntry::tax)
                      .reduce(Money::plus)
                      .orElse(Money.zero(countedCash.currency())),
                  body(draft));
          ShiftReport closing =
              new ShiftReport(
                  draft.shiftId(),
                  draft.number(),
                  at,
                  draft.salesCount(),
                  draft.grossSales(),
                  draft.returns(),
                  draft.discounts(),
                  draft.taxByRate(),
                  draft.tenders(),
                  draft.expectedCash(),
                  draft.countedCash(),
                  draft.overShort(),
                  Optional.of(z.hash()),
                  overShortByTender(draft, counted),
                  draft.providers());
          outbox.append(
              EventEnvelope.of(
                  new DomainEvent.ShiftClosed(
                      shift.store(),
                      shift.id(),
                      number,
                      closing
                          .overShort()
                          .orElseThrow(
                              () ->
                                  new IllegalStateException(
                                      "shift " + shift.id() + " closed without its over/short"))),
                  at,
                  shift.id()));
          shifts.save(
              new Shift(
                  shift.id(),
                  shift.store(),
                  shift.registerId(),
                  shift.openedBy(),
                  shift.openedAt(),
                  shift.openingFloat(),
                  shift.cashMovements(),
                  Optional.of(closing)));
          return closing;
        });
  }

  private Shift requireOpen(String shiftId) {
    Shift shift =
        shifts
            .find(shiftId)
            .orElseThrow(() -> new NotFoundException(ErrorCode.NOT_FOUND, "no shift " + shiftId));
    if (!shift.open()) {
      throw new RuleViolationException(ErrorCode.SHIFT_STATE, "shift " + shiftId + " is closed");
    }
    return shift;
  }

  private ShiftReport report(
      Shift shift,
      Instant at,
      Optional<String> number,
      Optional<Money> counted,
      Optional<String> hash) {
    Currency currency = shift.openingFloat().currency();
    Money zero = Money.zero(currency);
    List<Sale> shiftSales =
        sales.list(shift.store()).stream()
            .filter(s -> s.shiftId().equals(Optional.of(shift.id())))
            .toList();
    List<ReturnReceipt> shiftReturns =
        sales.returns(shift.store()).stream()
            .filter(r -> r.shiftId().equals(Optional.of(shift.id())))
            .toList();

    Money gross = zero;
    Money discounts = zero;
    Map<String, Money> tenders = new TreeMap<>();
    Map<String, Money> providers = new TreeMap<>();
    Map<String, TaxBreakdownEntry> tax = new TreeMap<>();
    for (Sale s : shiftSales) {
      gross = gross.plus(s.total());
      discounts = discounts.plus(s.basket().discountTotal());
      for (AppliedTender t : s.tenders()) {
        tenders.merge(t.kind().name(), t.amount(), Money::plus);
      }
      for (Payment p : payments.apply(s.store(), s.id())) {
        providers.merge(p.kind().name() + "/" + p.provider(), p.amount(), Money::plus);
      }
      s.basket().taxBreakdown().forEach(e -> tax.merge(e.rateCode(), e, Registers::add));
    }
    Money refunds = zero;
    for (ReturnReceipt r : shiftReturns) {
      refunds = refunds.plus(r.refund());
      tenders.merge(r.refundTo(), r.refund().negate(), Money::plus);
      Sale original =
          sales
              .find(r.saleId())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "return "
                              + r.id()
                              + " names sale "
                              + r.saleId()
                              + ", which is not stored"));
      for (ReturnReceipt.Line l : r.lines()) {
        PricedLine line = original.basket().line(l.lineIndex());
        BigDecimal sold = line.quantity().value();
        BigDecimal before = returnedBefore(original, r, l.lineIndex());
        for (TaxAmount a : line.tax().taxes()) {
          Money back = share(a.tax(), before, before.add(l.quantity()), sold);
          Money base = share(a.base(), before, before.add(l.quantity()), sold);
          tax.merge(
              a.rateCode(),
              new TaxBreakdownEntry(
                  a.rateCode(),
                  a.rateCode(),
                  a.rate(),
                  line.tax().treatment(),
                  base.negate(),
                  back.negate()),
              Registers::add);
        }
      }
    }
    Money cashIn =
        shift.cashMovements().stream().map(Shift.CashMovement::amount).reduce(zero, Money::plus);
    Money expected = shift.openingFloat().plus(cashIn).plus(tenders.getOrDefault("CASH", zero));
    return new ShiftReport(
        shift.id(),
        number,
        at,
        shiftSales.size(),
        gross,
        refunds,
        discounts,
        new ArrayList<>(tax.values()),
        tenders,
        expected,
        counted,
        counted.map(c -> c.minus(expected)),
        hash,
        Map.of(),
        providers);
  }

  private static Map<String, Money> overShortByTender(
      ShiftReport draft, Map<String, Money> counted) {
    Map<String, Money> result = new TreeMap<>();
    counted.forEach(
        (tender, amount) -> {
          Money expected =
              tender.equals("CASH")
                  ? draft.expectedCash()
                  : draft.tenders().getOrDefault(tender, Money.zero(amount.currency()));
          result.put(tender, amount.minus(expected));
        });
    return result;
  }

  private BigDecimal returnedBefore(Sale sale, ReturnReceipt current, int lineIndex) {
    BigDecimal q = BigDecimal.ZERO;
    for (ReturnReceipt r : sales.returnsOf(sale.id())) {
      if (r.id().equals(current.id())) {
        break;
      }
      for (ReturnReceipt.Line l : r.lines()) {
        if (l.lineIndex() == lineIndex) {
          q = q.add(l.quantity());
        }
      }
    }
    return q;
  }

  private static Money share(Money total, BigDecimal before, BigDecimal after, BigDecimal sold) {
    int scale = Money.minorUnits(total.currency());
    BigDecimal a = total.amount().multiply(after).divide(sold, scale, RoundingMode.HALF_UP);
    BigDecimal b = total.amount().multiply(before).divide(sold, scale, RoundingMode.HALF_UP);
    return Money.of(a.subtract(b), total.currency());
  }

  private static TaxBreakdownEntry add(TaxBreakdownEntry a, TaxBreakdownEntry b) {
    return new TaxBreakdownEntry(
        a.rateCode(),
        a.name(),
        a.rate(),
        a.treatment(),
        a.taxableBase().plus(b.taxableBase()),
        a.tax().plus(b.tax()));
  }

  private static String body(ShiftReport r) {
    StringBuilder b = new StringBuilder();
    b.append("shift|").append(r.shiftId()).append('\n');
    b.append("sales|").append(r.salesCount()).append('|').append(r.grossSales()).append('\n');
    b.append("returns|").append(r.returns()).append('\n');
    b.append("discounts|").append(r.discounts()).append('\n');
    r.taxByRate()
        .forEach(
            t ->
                b.append("tax|")
                    .append(t.rateCode())
                    .append('|')
                    .append(t.taxableBase())
                    .append('|')
                    .append(t.tax())
                    .append('\n'));
    r.tenders().forEach((k, v) -> b.append("tender|").append(k).append('|').append(v).append('\n'));
    // only a shift with provider payments has these lines: earlier Z reports read as they did
    new TreeMap<>(r.providers())
        .forEach((k, v) -> b.append("provider|").append(k).append('|').append(v).append('\n'));
    b.append("cash|")
        .append(r.expectedCash())
        .append('|')
        .append(r.countedCash().map(Money::toString).orElse(""))
        .append('\n');
    return b.toString();
  }
}

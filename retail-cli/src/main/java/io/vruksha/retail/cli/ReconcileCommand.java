package io.vruksha.retail.cli;

import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.AppliedTender;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.sync.TillFlag;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retail reconcile}: checks that figures kept in two places agree. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that figures kept in two places agree. Each prints a table whose status column is"
          + " OK or DISCREPANCY (the problem column says what is wrong) and exits 1 when any row"
          + " is a discrepancy."
    },
    subcommands = {
      ReconcileCommand.StockCheck.class,
      ReconcileCommand.SalesCheck.class,
      ReconcileCommand.ShiftCheck.class,
      ReconcilePayments.class
    })
final class ReconcileCommand implements Runnable {

  static final String OK = "OK";
  static final String DISCREPANCY = "DISCREPANCY";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a check: stock, sales, shift, payments");
  }

  /** The options every check takes, and how its result is printed. */
  abstract static class Check implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin DatabaseOptions database;

    @Option(names = "--store", required = true, description = "the store")
    String store;

    @Option(
        names = "--format",
        defaultValue = "table",
        description = "table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    /** Every discrepancy found, one line each. */
    final List<String> discrepancies = new ArrayList<>();

    /** What else the check lists for attention, one line each (not discrepancies). */
    final List<String> notes = new ArrayList<>();

    Check(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      Listing l;
      try (StoreSession s = StoreSession.open(database, env, spec.commandLine(), store)) {
        l = check(s);
      }
      PrintWriter out = spec.commandLine().getOut();
      l.print(out, format);
      // the summary goes with the table; csv and json keep stdout machine-readable
      PrintWriter summary = format == OutputFormat.table ? out : spec.commandLine().getErr();
      notes.forEach(summary::println);
      if (discrepancies.isEmpty()) {
        summary.println(name() + " of " + store + ": no discrepancies");
        summary.flush();
        return Retail.OK;
      }
      summary.println(
          name()
              + " of "
              + store
              + ": "
              + discrepancies.size()
              + " discrepanc"
              + (discrepancies.size() == 1 ? "y" : "ies"));
      for (String d : discrepancies) {
        summary.println("discrepancy: " + d);
      }
      summary.flush();
      return Retail.DISCREPANCIES;
    }

    /** An OK or DISCREPANCY status, noting the problem. */
    String status(String problem) {
      if (problem == null) {
        return OK;
      }
      discrepancies.add(problem);
      return DISCREPANCY;
    }

    abstract String name();

    abstract Listing check(StoreSession s);
  }

  /** {@code retail reconcile stock}. */
  @Command(
      name = "stock",
      mixinStandardHelpOptions = true,
      description = {
        "For every SKU and location of the store: on_hand (stock_levels) against movements ="
            + " the sum of its stock_movements (the ledger). difference = on_hand - movements; any"
            + " difference is a discrepancy.",
        "Then every SKU a till sold offline below the centre's on hand, as 'oversold offline by"
            + " till T01: MUG -1 (S001-T01-2026-000007)': booked as sold, to count or correct;"
            + " listed, not counted as discrepancies.",
        "Example: retail reconcile stock --store demo"
      })
  static final class StockCheck extends Check {
    StockCheck(Map<String, String> env) {
      super(env);
    }

    @Override
    String name() {
      return "stock";
    }

    @Override
    Listing check(StoreSession s) {
      Listing l =
          new Listing("location", "sku", "on_hand", "movements", "difference", "status", "problem");
      List<Object[]> rows =
          s.sql(
              h ->
                  h.createQuery(
                          "SELECT l.location_id, l.sku, l.on_hand, coalesce(sum(m.change), 0)"
                              + " FROM stock_levels l LEFT JOIN stock_movements m"
                              + " ON m.store_id = l.store_id AND m.location_id = l.location_id"
                              + " AND m.sku = l.sku WHERE l.store_id = :s"
                              + " GROUP BY l.location_id, l.sku, l.on_hand"
                              + " ORDER BY l.location_id, l.sku")
                      .bind("s", s.id().value())
                      .map(
                          (rs, ctx) ->
                              new Object[] {
                                rs.getString(1),
                                rs.getString(2),
                                rs.getBigDecimal(3),
                                rs.getBigDecimal(4)
                              })
                      .list());
      for (Object[] r : rows) {
        BigDecimal onHand = (BigDecimal) r[2];
        BigDecimal moved = (BigDecimal) r[3];
        BigDecimal diff = onHand.subtract(moved);
        String problem =
            diff.signum() == 0
                ? null
                : "SKU "
                    + r[1]
                    + " at "
                    + r[0]
                    + ": on hand "
                    + plain(onHand)
                    + " but its movements sum to "
                    + plain(moved);
        l.add(r[0], r[1], plain(onHand), plain(moved), plain(diff), status(problem), problem);
      }
      // what tills sold offline beyond the centre's stock: booked (the goods are gone), listed
      s.engine(() -> s.engine.tillSync().flags(s.id())).stream()
          .filter(f -> f.kind() == TillFlag.Kind.OVERSOLD)
          .forEach(f -> notes.add(f.describe()));
      return l;
    }
  }

  static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  /** {@code retail reconcile sales}. */
  @Command(
      name = "sales",
      mixinStandardHelpOptions = true,
      description = {
        "Over the business days --from to --to (store's zone; today by default), per day: the"
            + " till sales (pos_transactions) against their invoices (invoices) and the tenders"
            + " received for them (payments). sales_total = what the sales came to;"
            + " invoices_total = the totals of those sales' invoices; payments_total = the"
            + " payment rows of those invoices (each sale's tenders as booked, cash net of"
            + " change). A day row is a discrepancy when they differ, and each sale behind it gets"
            + " a row of its own naming its receipt number. Then one row per Z report taken in the"
            + " range: its sales count, gross and refunds against the sales and returns of its"
            + " shift as stored now. B2B invoices (no till sale) are not part of this check.",
        "Example: retail reconcile sales --store demo --from 2026-11-24 --to 2026-11-24"
      })
  static final class SalesCheck extends Check {
    @Option(names = "--from", description = "the first business day, YYYY-MM-DD (default: today)")
    LocalDate from;

    @Option(names = "--to", description = "the last business day, included (default: --from)")
    LocalDate to;

    SalesCheck(Map<String, String> env) {
      super(env);
    }

    @Override
    String name() {
      return "sales";
    }

    private record Invoiced(String number, BigDecimal total, BigDecimal paid) {}

    /** A day's sums, exact: stored totals are compared and added as they are, shown rounded. */
    private static final class Day {
      long sales;
      ExactAmount sold;
      ExactAmount invoiced;
      ExactAmount paid;
      final List<String[]> saleProblems = new ArrayList<>();
    }

    @Override
    Listing check(StoreSession s) {
      LocalDate today = LocalDate.now(s.store.zone());
      LocalDate first = from == null ? today : from;
      LocalDate last = to == null ? first : to;
      if (last.isBefore(first)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--to is before --from");
      }
      Money zero = s.zero();
      Currency cur = s.currency();
      List<Sale> sales =
          s.engine(
              () ->
                  s.engine.sales().list(s.id()).stream()
                      .filter(x -> s.within(x.at(), first, last))
                      .toList());
      List<ReturnReceipt> returns = s.engine(() -> s.engine.sales().returns(s.id()));
      Map<String, Invoiced> invoices = new HashMap<>();
      s.sql(
              h ->
                  h.createQuery(
                          "SELECT i.sale_id, i.number, i.total,"
                              + " (SELECT coalesce(sum(p.amount), 0) FROM payments p"
                              + "  WHERE p.store_id = i.store_id AND p.invoice_number = i.number)"
                              + " FROM invoices i WHERE i.store_id = :s AND i.sale_id IS NOT NULL")
                      .bind("s", s.id().value())
                      .map(
                          (rs, ctx) ->
                              Map.entry(
                                  rs.getString(1),
                                  new Invoiced(
                                      rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4))))
                      .list())
          .forEach(e -> invoices.put(e.getKey(), e.getValue()));

      Map<LocalDate, Day> days = new TreeMap<>();
      for (Sale sale : sales) {
        Day d =
            days.computeIfAbsent(
                s.day(sale.at()),
                k -> {
                  Day n = new Day();
                  n.sold = ExactAmount.of(zero);
                  n.invoiced = ExactAmount.of(zero);
                  n.paid = ExactAmount.of(zero);
                  return n;
                });
        ExactAmount tenders =
            ExactAmount.of(
                sale.tenders().stream().map(AppliedTender::amount).reduce(zero, Money::plus));
        Invoiced inv = invoices.get(sale.id());
        ExactAmount invoiced = ExactAmount.of(inv == null ? BigDecimal.ZERO : inv.total(), cur);
        ExactAmount paid = ExactAmount.of(inv == null ? BigDecimal.ZERO : inv.paid(), cur);
        ExactAmount saleTotal = ExactAmount.of(sale.total());
        d.sales++;
        d.sold = d.sold.plus(saleTotal);
        d.invoiced = d.invoiced.plus(invoiced);
        d.paid = d.paid.plus(paid);
        String problem = null;
        if (inv == null) {
          problem = "sale " + sale.number() + " has no invoice";
        } else if (invoiced.compareTo(saleTotal) != 0) {
          problem =
              "invoice "
                  + inv.number()
                  + " totals "
                  + invoiced
                  + " but its sale came to "
                  + sale.total();
        } else if (paid.compareTo(tenders) != 0) {
          problem =
              "payments of invoice "
                  + inv.number()
                  + " total "
                  + paid
                  + " but the sale's tenders total "
                  + tenders;
        }
        if (problem != null) {
          d.saleProblems.add(
              new String[] {
                sale.number(),
                StoreSession.amount(sale.total()),
                StoreSession.amount(invoiced),
                StoreSession.amount(paid),
                problem
              });
        }
      }
      Listing l =
          new Listing(
              "scope",
              "reference",
              "day",
              "sales",
              "sales_total",
              "invoices_total",
              "payments_total",
              "z_gross",
              "z_returns",
              "currency",
              "status",
              "problem");
      String code = cur.getCurrencyCode();
      for (Map.Entry<LocalDate, Day> e : days.entrySet()) {
        Day d = e.getValue();
        String dayProblem = null;
        if (d.sold.compareTo(d.invoiced) != 0
            || d.paid.compareTo(ExactAmount.of(expectedPaid(sales, e.getKey(), s))) != 0) {
          dayProblem =
              e.getKey()
                  + ": sales total "
                  + d.sold
                  + ", invoices total "
                  + d.invoiced
                  + ", payments total "
                  + d.paid
                  + " (tenders booked on the sales: "
                  + expectedPaid(sales, e.getKey(), s)
                  + ")";
        }
        l.add(
            "day",
            e.getKey(),
            e.getKey(),
            d.sales,
            StoreSession.amount(d.sold),
            StoreSession.amount(d.invoiced),
            StoreSession.amount(d.paid),
            "",
            "",
            code,
            status(dayProblem),
            dayProblem);
        for (String[] p : d.saleProblems) {
          l.add("sale", p[0], e.getKey(), 1, p[1], p[2], p[3], "", "", code, status(p[4]), p[4]);
        }
      }
      for (Shift shift : ReportCommand.closedShifts(s, first, last)) {
        ShiftReport z = shift.closing().orElseThrow();
        List<Sale> ofShift =
            s.engine(
                () ->
                    s.engine.sales().list(s.id()).stream()
                        .filter(x -> x.shiftId().equals(Optional.of(shift.id())))
                        .toList());
        Money gross = ofShift.stream().map(Sale::total).reduce(zero, Money::plus);
        Money refunds =
            returns.stream()
                .filter(r -> r.shiftId().equals(Optional.of(shift.id())))
                .map(ReturnReceipt::refund)
                .reduce(zero, Money::plus);
        String number = z.number().orElse(shift.id());
        String problem = null;
        if (z.salesCount() != ofShift.size()
            || !z.grossSales().equals(gross)
            || !z.returns().equals(refunds)) {
          problem =
              "Z report "
                  + number
                  + " of shift "
                  + shift.id()
                  + " counts "
                  + z.salesCount()
                  + " sales for "
                  + z.grossSales()
                  + " and refunds of "
                  + z.returns()
                  + ", but the shift's sales are "
                  + ofShift.size()
                  + " for "
                  + gross
                  + " and its refunds "
                  + refunds;
        }
        l.add(
            "z",
            number,
            s.day(z.at()),
            ofShift.size(),
            StoreSession.amount(gross),
            "",
            "",
            StoreSession.amount(z.grossSales()),
            StoreSession.amount(z.returns()),
            code,
            status(problem),
            problem);
      }
      return l;
    }

    private static Money expectedPaid(List<Sale> sales, LocalDate day, StoreSession s) {
      return sales.stream()
          .filter(x -> s.day(x.at()).equals(day))
          .flatMap(x -> x.tenders().stream())
          .map(AppliedTender::amount)
          .reduce(s.zero(), Money::plus);
    }
  }

  /** {@code retail reconcile shift}. */
  @Command(
      name = "shift",
      mixinStandardHelpOptions = true,
      description = {
        "Per closed shift (or the one --shift names): the cash drawer counted at close against"
            + " what the Z report expected (expected_cash), and recomputed = the drawer expected"
            + " from the shift as stored now (float + cash in - cash out + cash tenders of its"
            + " sales - cash refunded by its returns). A discrepancy when counted differs from"
            + " expected (over/short), or when recomputed differs from the Z report's expected.",
        "Example: retail reconcile shift --store demo --shift 7f0c..."
      })
  static final class ShiftCheck extends Check {
    @Option(names = "--shift", description = "one shift's id (default: every closed shift)")
    String shiftId;

    ShiftCheck(Map<String, String> env) {
      super(env);
    }

    @Override
    String name() {
      return "shifts";
    }

    @Override
    Listing check(StoreSession s) {
      Money zero = s.zero();
      List<Shift> shifts =
          s.engine(
              () ->
                  s.engine.registers().shifts().list(s.id()).stream()
                      .filter(sh -> shiftId == null || sh.id().equals(shiftId))
                      .toList());
      if (shiftId != null && shifts.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "no shift " + shiftId + " in store " + store);
      }
      if (shiftId != null && shifts.get(0).open()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "shift " + shiftId + " is still open: close it first");
      }
      List<Sale> sales = s.engine(() -> s.engine.sales().list(s.id()));
      List<ReturnReceipt> returns = s.engine(() -> s.engine.sales().returns(s.id()));
      Listing l =
          new Listing(
              "shift",
              "register",
              "z_number",
              "closed_at",
              "expected_cash",
              "counted_cash",
              "over_short",
              "recomputed",
              "currency",
              "status",
              "problem");
      for (Shift shift : shifts) {
        if (shift.closing().isEmpty()) {
          continue;
        }
        ShiftReport z = shift.closing().get();
        Optional<String> id = Optional.of(shift.id());
        Money cash =
            sales.stream()
                .filter(x -> x.shiftId().equals(id))
                .flatMap(x -> x.tenders().stream())
                .filter(t -> t.kind() == TenderKind.CASH)
                .map(AppliedTender::amount)
                .reduce(zero, Money::plus);
        Money refunded =
            returns.stream()
                .filter(r -> r.shiftId().equals(id) && r.refundTo().equals("CASH"))
                .map(ReturnReceipt::refund)
                .reduce(zero, Money::plus);
        Money moved =
            shift.cashMovements().stream()
                .map(Shift.CashMovement::amount)
                .reduce(zero, Money::plus);
        Money recomputed = shift.openingFloat().plus(moved).plus(cash).minus(refunded);
        Money counted = z.countedCash().orElse(null);
        Money overShort = z.overShort().orElse(null);
        String number = z.number().orElse("");
        List<String> problems = new ArrayList<>();
        if (overShort != null && !overShort.isZero()) {
          problems.add(
              "shift "
                  + shift.id()
                  + " (Z "
                  + number
                  + ") counted "
                  + counted
                  + " against "
                  + z.expectedCash()
                  + " expected: "
                  + (overShort.isPositive() ? "over by " : "short by ")
                  + overShort.amount().abs().toPlainString()
                  + " "
                  + s.currency().getCurrencyCode());
        }
        if (!recomputed.equals(z.expectedCash())) {
          problems.add(
              "shift "
                  + shift.id()
                  + " (Z "
                  + number
                  + ") expected "
                  + z.expectedCash()
                  + " at close, but its sales and returns as stored now give "
                  + recomputed);
        }
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        l.add(
            shift.id(),
            shift.registerId(),
            number,
            z.at(),
            StoreSession.amount(z.expectedCash()),
            StoreSession.amount(counted),
            StoreSession.amount(overShort),
            StoreSession.amount(recomputed),
            s.currency().getCurrencyCode(),
            status(problem),
            problem);
      }
      return l;
    }
  }
}

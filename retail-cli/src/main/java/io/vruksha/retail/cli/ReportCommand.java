package io.vruksha.retail.cli;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.report.TaxLevyFigures;
import io.vruksha.retail.report.TaxRateFigures;
import io.vruksha.retail.report.TaxSummary;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retail report}: a store's figures over a range of business days. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "A store's figures over a range of business days (--from, --to, both included, read in the"
          + " store's time zone; today by default). Money is a plain decimal in the store's"
          + " currency, named in the currency column. Sums are exact (stored amounts may be finer"
          + " than the currency, as imported history is); each figure shown is rounded half-up to"
          + " the currency's minor unit once, after summing."
    },
    subcommands = {
      ReportCommand.DailySalesReport.class,
      ReportCommand.TaxReport.class,
      ReportCommand.ZReport.class,
      ReportCommand.ProductPerformanceReport.class,
      ReportCommand.LoyaltyReport.class,
      ReportCommand.OrdersReport.class,
      ReportCommand.WarrantiesReport.class,
      GiftCardsReport.class
    })
final class ReportCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a report: daily-sales, tax, z, product-performance, loyalty, orders,"
            + " warranties, gift-cards");
  }

  /** The options every report takes. */
  static final class Range {
    @Option(names = "--store", required = true, description = "the store")
    String store;

    @Option(
        names = "--from",
        description = "the first business day, YYYY-MM-DD (default: today in the store's zone)")
    LocalDate from;

    @Option(
        names = "--to",
        description = "the last business day, YYYY-MM-DD, included (default: --from or today)")
    LocalDate to;

    @Option(
        names = "--format",
        defaultValue = "table",
        description = "table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @CommandLine.Mixin DatabaseOptions database;

    LocalDate[] resolve(StoreSession s, CommandLine cli) {
      LocalDate today = LocalDate.now(s.store.zone());
      LocalDate first = from == null ? today : from;
      LocalDate last = to == null ? (from == null ? today : first) : to;
      if (last.isBefore(first)) {
        throw new CommandLine.ParameterException(cli, "--to is before --from");
      }
      return new LocalDate[] {first, last};
    }
  }

  /** Runs a report: connects, resolves the range, prints the listing. */
  abstract static class Report implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin Range range;

    Report(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      try (StoreSession s =
          StoreSession.open(range.database, env, spec.commandLine(), range.store)) {
        LocalDate[] r = range.resolve(s, spec.commandLine());
        build(s, r[0], r[1]).print(spec.commandLine().getOut(), range.format);
      }
      return Retail.OK;
    }

    abstract Listing build(StoreSession s, LocalDate from, LocalDate to);
  }

  /** {@code retail report daily-sales}. */
  @Command(
      name = "daily-sales",
      mixinStandardHelpOptions = true,
      description = {
        "Per business day with activity, from the analytics aggregates (sales_analytics_daily,"
            + " kept by the analytics reaction from sale and return events, so as current as the"
            + " reaction): sales = completed sales; units = units sold (weighed lines count their"
            + " weight); gross = what the sales took in, tax included; returns = completed"
            + " returns; refunds = what they paid back; net = gross - refunds; average_sale ="
            + " gross / sales. A last TOTAL row sums the range. The same figures as"
            + " GET /reports/daily-sales.",
        "Example: retail report daily-sales --store demo --from 2026-11-01 --to 2026-11-30"
      })
  static final class DailySalesReport extends Report {
    DailySalesReport(Map<String, String> env) {
      super(env);
    }

    @Override
    Listing build(StoreSession s, LocalDate from, LocalDate to) {
      var report = s.engine(() -> s.engine.reports().dailySales(s.id(), from, to));
      Listing l =
          new Listing(
              "day",
              "sales",
              "units",
              "gross",
              "returns",
              "refunds",
              "net",
              "average_sale",
              "currency");
      for (DailySales d : report.days()) {
        row(l, d.day().toString(), d, s);
      }
      row(l, "TOTAL", report.total(), s);
      return l;
    }

    private static void row(Listing l, String day, DailySales d, StoreSession s) {
      l.add(
          day,
          d.sales(),
          d.units().stripTrailingZeros().toPlainString(),
          StoreSession.amount(d.gross()),
          d.returns(),
          StoreSession.amount(d.refunds()),
          StoreSession.amount(d.net()),
          StoreSession.amount(d.averageSale()),
          s.currency().getCurrencyCode());
    }
  }

  /** {@code retail report product-performance}. */
  @Command(
      name = "product-performance",
      mixinStandardHelpOptions = true,
      description = {
        "Per SKU over the range, best sellers by revenue first, from the analytics aggregates"
            + " (product_performance, kept by the analytics reaction): sales = sales that had the"
            + " SKU on a line; units = units sold; revenue = what its lines took in after"
            + " discounts, tax included. Returns are not taken off. The same figures as"
            + " GET /reports/product-performance.",
        "Example: retail report product-performance --store demo --from 2026-11-01 --format csv"
      })
  static final class ProductPerformanceReport extends Report {
    ProductPerformanceReport(Map<String, String> env) {
      super(env);
    }

    @Override
    Listing build(StoreSession s, LocalDate from, LocalDate to) {
      List<SalesAnalytics.SkuTotal> lines =
          s.engine(() -> s.engine.reports().productPerformance(s.id(), from, to)).products();
      Listing l = new Listing("sku", "sales", "units", "revenue", "currency");
      for (SalesAnalytics.SkuTotal x : lines) {
        l.add(
            x.sku(),
            x.sales(),
            x.units().stripTrailingZeros().toPlainString(),
            StoreSession.amount(x.revenue()),
            s.currency().getCurrencyCode());
      }
      return l;
    }
  }

  /** {@code retail report tax}. */
  @Command(
      name = "tax",
      mixinStandardHelpOptions = true,
      description = {
        "Tax per rate over the range, from the sales and returns themselves (pos_transactions,"
            + " returns), each on the business day it happened: sales_base and sales_tax from the"
            + " sales' tax breakdown; returns_base and returns_tax = what returns in the range"
            + " refunded at that rate (each returned line's tax, on its original line's rates);"
            + " net_tax = sales_tax - returns_tax. The TOTAL row's sales_tax and returns_tax are"
            + " the documents' own totals. After it, a row per levy the sales charged (deposits,"
            + " eco-fees; rate_code levy:<code>): units, gross, and its net and tax in sales_base"
            + " and sales_tax (its tax is in its rate's row too). The same figures as"
            + " GET /reports/tax-summary (both from the core's PeriodReports).",
        "Example: retail report tax --store demo --from 2026-11-01 --to 2026-11-30"
      })
  static final class TaxReport extends Report {
    TaxReport(Map<String, String> env) {
      super(env);
    }

    @Override
    Listing build(StoreSession s, LocalDate from, LocalDate to) {
      TaxSummary summary = s.engine(() -> s.engine.reports().taxSummary(s.id(), from, to));
      String currency = s.currency().getCurrencyCode();
      Listing l =
          new Listing(
              "rate_code",
              "name",
              "rate",
              "sales_base",
              "sales_tax",
              "returns_base",
              "returns_tax",
              "net_tax",
              "currency",
              "units",
              "gross");
      for (TaxRateFigures r : summary.rates()) {
        l.add(
            r.rateCode(),
            r.name(),
            r.rate() == null ? "" : r.rate().stripTrailingZeros().toPlainString(),
            StoreSession.amount(r.salesBase()),
            StoreSession.amount(r.salesTax()),
            StoreSession.amount(r.returnsBase()),
            StoreSession.amount(r.returnsTax()),
            StoreSession.amount(r.netTax()),
            currency,
            "",
            "");
      }
      l.add(
          "TOTAL",
          "",
          "",
          StoreSession.amount(summary.salesBase()),
          StoreSession.amount(summary.salesTax()),
          StoreSession.amount(summary.returnsBase()),
          StoreSession.amount(summary.returnsTax()),
          StoreSession.amount(summary.netTax()),
          currency,
          "",
          "");
      for (TaxLevyFigures v : summary.levies()) {
        String net = StoreSession.amount(v.net());
        String tax = StoreSession.amount(v.tax());
        String gross = StoreSession.amount(v.gross());
        String units = v.units().stripTrailingZeros().toPlainString();
        l.add("levy:" + v.code(), v.name(), "", net, tax, "", "", "", currency, units, gross);
      }
      return l;
    }
  }

  /** {@code retail report z}. */
  @Command(
      name = "z",
      mixinStandardHelpOptions = true,
      description = {
        "The Z reports (closed shifts, from pos_sessions) taken in the range, one row per Z"
            + " report and tender: sales and gross = the shift's sales and what they came to, tax"
            + " included; returns = what its returns refunded; expected = for CASH the drawer the"
            + " shift expected (float + cash in - cash out + cash taken - cash refunded), for"
            + " other tenders what the shift's sales took in that tender less refunds; counted ="
            + " what was counted at close (empty when that tender was not counted); over_short ="
            + " counted - expected.",
        "Example: retail report z --store demo --from 2026-11-24"
      })
  static final class ZReport extends Report {
    ZReport(Map<String, String> env) {
      super(env);
    }

    @Override
    Listing build(StoreSession s, LocalDate from, LocalDate to) {
      Listing l =
          new Listing(
              "z_number",
              "shift",
              "register",
              "closed_at",
              "sales",
              "gross",
              "returns",
              "tender",
              "expected",
              "counted",
              "over_short",
              "currency");
      for (Shift shift : closedShifts(s, from, to)) {
        ShiftReport z = shift.closing().orElseThrow();
        for (TenderLine t : tenders(z)) {
          l.add(
              z.number().orElse(""),
              shift.id(),
              shift.registerId(),
              z.at(),
              z.salesCount(),
              StoreSession.amount(z.grossSales()),
              StoreSession.amount(z.returns()),
              t.tender(),
              StoreSession.amount(t.expected()),
              StoreSession.amount(t.counted()),
              StoreSession.amount(t.overShort()),
              s.currency().getCurrencyCode());
        }
      }
      return l;
    }
  }

  /** A tender of a Z report: what was expected, counted and the difference (null: not counted). */
  record TenderLine(String tender, Money expected, Money counted, Money overShort) {}

  /** The tenders of a Z report, CASH first. */
  static List<TenderLine> tenders(ShiftReport z) {
    List<TenderLine> lines = new ArrayList<>();
    Money cashOverShort = z.overShortByTender().getOrDefault("CASH", z.overShort().orElse(null));
    lines.add(
        new TenderLine("CASH", z.expectedCash(), z.countedCash().orElse(null), cashOverShort));
    TreeSet<String> others = new TreeSet<>(z.tenders().keySet());
    others.addAll(z.overShortByTender().keySet());
    others.remove("CASH");
    for (String t : others) {
      Money expected = z.tenders().getOrDefault(t, Money.zero(z.expectedCash().currency()));
      Money overShort = z.overShortByTender().get(t);
      lines.add(
          new TenderLine(
              t, expected, overShort == null ? null : expected.plus(overShort), overShort));
    }
    return lines;
  }

  /** The store's closed shifts whose Z report was taken in the range, oldest first. */
  /** Closing instant, then Z number (gapless, so shifts closed in the same instant keep order). */
  private static final Comparator<Shift> BY_CLOSING =
      Comparator.<Shift, Instant>comparing(sh -> sh.closing().orElseThrow().at())
          .thenComparing(sh -> sh.closing().orElseThrow().number().orElse(""))
          .thenComparing(Shift::id);

  static List<Shift> closedShifts(StoreSession s, LocalDate from, LocalDate to) {
    return s.engine(
        () ->
            s.engine.registers().shifts().list(s.id()).stream()
                .filter(sh -> sh.closing().isPresent())
                .filter(sh -> s.within(sh.closing().get().at(), from, to))
                .sorted(BY_CLOSING)
                .toList());
  }

  /** {@code retail report loyalty}. */
  @Command(
      name = "loyalty",
      mixinStandardHelpOptions = true,
      description = {
        "Loyalty points per customer over the range, from loyalty_transactions. Only entries"
            + " whose reference is a sale or return of the store count (the points ledger is"
            + " programme-wide and has no store of its own, so expiries and enrolments are not"
            + " shown in the range columns): earned = points earned by sales; redeemed = points"
            + " spent as a tender; returned = points taken back by returns; net = earned -"
            + " redeemed - returned. balance = the customer's whole balance (every store,"
            + " expiries included) at the end of --to.",
        "Example: retail report loyalty --store demo --from 2026-11-01 --to 2026-11-30"
      })
  static final class LoyaltyReport extends Report {
    LoyaltyReport(Map<String, String> env) {
      super(env);
    }

    @Override
    Listing build(StoreSession s, LocalDate from, LocalDate to) {
      Listing l = new Listing("customer", "earned", "redeemed", "returned", "net", "balance");
      for (Object[] r : loyaltyRows(s, from, to)) {
        long earned = (Long) r[1];
        long redeemed = (Long) r[2];
        long returned = (Long) r[3];
        l.add(r[0], earned, redeemed, returned, earned - redeemed - returned, r[4]);
      }
      return l;
    }
  }

  static List<Object[]> loyaltyRows(StoreSession s, LocalDate from, LocalDate to) {
    return s.sql(
        h ->
            h.createQuery(
                    "WITH own AS ("
                        + " SELECT t.customer_id, t.kind, t.points FROM loyalty_transactions t"
                        + " WHERE t.at >= :from AND t.at < :until AND ("
                        + "  EXISTS (SELECT 1 FROM pos_transactions p"
                        + "   WHERE p.sale_id = t.reference AND p.store_id = :s)"
                        + "  OR EXISTS (SELECT 1 FROM returns r"
                        + "   WHERE r.return_id = t.reference AND r.store_id = :s)))"
                        + " SELECT o.customer_id,"
                        + "  coalesce(sum(o.points) FILTER (WHERE o.kind = 'EARN'), 0),"
                        + "  coalesce(-sum(o.points) FILTER (WHERE o.kind = 'REDEEM'), 0),"
                        + "  coalesce(-sum(o.points) FILTER (WHERE o.kind = 'RETURN'), 0),"
                        + "  (SELECT coalesce(sum(b.points), 0) FROM loyalty_transactions b"
                        + "   WHERE b.customer_id = o.customer_id AND b.at < :until)"
                        + " FROM own o GROUP BY o.customer_id ORDER BY o.customer_id")
                .bind("s", s.id().value())
                .bind("from", Timestamp.from(s.startOf(from)))
                .bind("until", Timestamp.from(s.startOf(to.plusDays(1))))
                .map(
                    (rs, ctx) ->
                        new Object[] {
                          rs.getString(1),
                          rs.getLong(2),
                          rs.getLong(3),
                          rs.getLong(4),
                          rs.getLong(5)
                        })
                .list());
  }

  /** {@code retail report orders}. */
  @Command(
      name = "orders",
      mixinStandardHelpOptions = true,
      description = {
        "Orders for later fulfilment placed in the range (fulfilment_orders), one row per channel"
            + " (KIOSK, WEB, PHONE): placed = orders placed; collected, cancelled and open ="
            + " where they stand now; ordered = their totals at placement prices; collected_value"
            + " = the totals of the collected ones at placement prices; refunded = prepayments"
            + " refunded (cancellations and short picks). A last TOTAL row sums the channels.",
        "Example: retail report orders --store demo --from 2026-11-01 --to 2026-11-30"
      })
  static final class OrdersReport extends Report {
    OrdersReport(Map<String, String> env) {
      super(env);
    }

    @Override
    Listing build(StoreSession s, LocalDate from, LocalDate to) {
      Listing l =
          new Listing(
              "channel",
              "placed",
              "collected",
              "cancelled",
              "open",
              "ordered",
              "collected_value",
              "refunded",
              "currency");
      long[] counts = new long[4];
      BigDecimal[] sums = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
      for (Object[] r : orderRows(s, from, to)) {
        l.add(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            StoreSession.amount(s.money((BigDecimal) r[5])),
            StoreSession.amount(s.money((BigDecimal) r[6])),
            StoreSession.amount(s.money((BigDecimal) r[7])),
            s.currency().getCurrencyCode());
        for (int i = 0; i < 4; i++) {
          counts[i] += (Long) r[i + 1];
        }
        for (int i = 0; i < 3; i++) {
          sums[i] = sums[i].add((BigDecimal) r[i + 5]);
        }
      }
      l.add(
          "TOTAL",
          counts[0],
          counts[1],
          counts[2],
          counts[3],
          StoreSession.amount(s.money(sums[0])),
          StoreSession.amount(s.money(sums[1])),
          StoreSession.amount(s.money(sums[2])),
          s.currency().getCurrencyCode());
      return l;
    }
  }

  static List<Object[]> orderRows(StoreSession s, LocalDate from, LocalDate to) {
    return s.sql(
        h ->
            h.createQuery(
                    "SELECT channel, count(*),"
                        + " count(*) FILTER (WHERE status = 'COLLECTED'),"
                        + " count(*) FILTER (WHERE status = 'CANCELLED'),"
                        + " count(*) FILTER (WHERE status IN ('PLACED', 'PICKED', 'READY')),"
                        + " coalesce(sum(total), 0),"
                        + " coalesce(sum(total) FILTER (WHERE status = 'COLLECTED'), 0),"
                        + " coalesce(sum(refunded), 0)"
                        + " FROM fulfilment_orders WHERE store_id = :s"
                        + " AND placed_at >= :from AND placed_at < :until"
                        + " GROUP BY channel ORDER BY channel")
                .bind("s", s.id().value())
                .bind("from", Timestamp.from(s.startOf(from)))
                .bind("until", Timestamp.from(s.startOf(to.plusDays(1))))
                .map(
                    (rs, ctx) ->
                        new Object[] {
                          rs.getString(1),
                          rs.getLong(2),
                          rs.getLong(3),
                          rs.getLong(4),
                          rs.getLong(5),
                          rs.getBigDecimal(6),
                          rs.getBigDecimal(7),
                          rs.getBigDecimal(8)
                        })
                .list());
  }

  /** {@code retail report warranties}. */
  @Command(
      name = "warranties",
      mixinStandardHelpOptions = true,
      description = {
        "Warranties of the serialised units sold in the range (warranties, warranty_claims), one"
            + " row per serial: sku, receipt, sold (the business day), ends (the last day"
            + " covered), status (ACTIVE or VOID after a return) and claims made so far.",
        "Example: retail report warranties --store demo --from 2026-11-01 --to 2026-11-30"
      })
  static final class WarrantiesReport extends Report {
    WarrantiesReport(Map<String, String> env) {
      super(env);
    }

    @Override
    Listing build(StoreSession s, LocalDate from, LocalDate to) {
      Listing l = new Listing("serial", "sku", "receipt", "sold", "ends", "status", "claims");
      s.sql(
              h ->
                  h.createQuery(
                          "SELECT w.serial, w.sku, w.receipt_number, w.starts_at, w.ends_at, w.status,"
                              + " (SELECT count(*) FROM warranty_claims c"
                              + "  WHERE c.store_id = w.store_id AND c.serial = w.serial)"
                              + " FROM warranties w WHERE w.store_id = :s"
                              + " AND w.starts_at >= :from AND w.starts_at < :until"
                              + " ORDER BY w.starts_at, w.serial")
                      .bind("s", s.id().value())
                      .bind("from", Timestamp.from(s.startOf(from)))
                      .bind("until", Timestamp.from(s.startOf(to.plusDays(1))))
                      .map(
                          (rs, ctx) ->
                              new Object[] {
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant().atZone(s.store.zone()).toLocalDate(),
                                rs.getTimestamp(5)
                                    .toInstant()
                                    .minusNanos(1)
                                    .atZone(s.store.zone())
                                    .toLocalDate(),
                                rs.getString(6),
                                rs.getLong(7)
                              })
                      .list())
          .forEach(l::add);
      return l;
    }
  }
}

package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.report.TaxLevyFigures;
import io.vruksha.retail.report.TaxRateFigures;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.QueryParam;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reports over a range of business days ({@code ?from=YYYY-MM-DD&to=YYYY-MM-DD}, both included,
 * today by default, at most 366 days): the core's {@link io.vruksha.retail.report.PeriodReports}
 * (the figures {@code retail report} prints too) as the API's views.
 */
public final class ReportApi {

  private ReportApi() {}

  /**
   * One business day's sales, or a range's sum, as shown: every amount is the exact sum rounded
   * half-up to the currency's minor unit once ({@link ExactAmount#rounded()}), the figures {@code
   * retail report daily-sales} prints.
   *
   * @param store the store
   * @param day the business day (the range's first day for its sum)
   * @param sales completed sales
   * @param units units sold (a weighed line counts its weight)
   * @param gross what the sales took in, tax included
   * @param returns completed returns
   * @param refunds what the returns paid back
   * @param net gross less refunds (the exact difference, rounded once)
   * @param averageSale gross over sales (the exact quotient, rounded once)
   */
  public record DayFigures(
      StoreId store,
      LocalDate day,
      long sales,
      BigDecimal units,
      Money gross,
      long returns,
      Money refunds,
      Money net,
      Money averageSale) {

    /** The view of the core's figures: each exact amount rounded once. */
    public static DayFigures of(DailySales d) {
      return new DayFigures(
          d.store(),
          d.day(),
          d.sales(),
          d.units(),
          d.gross().rounded(),
          d.returns(),
          d.refunds().rounded(),
          d.net().rounded(),
          d.averageSale());
    }
  }

  /**
   * Daily sales over a range.
   *
   * @param from the first day
   * @param to the last day
   * @param days each day with activity
   * @param total the range's sum: the days' exact figures added, then rounded once
   */
  public record DailySalesReport(
      LocalDate from, LocalDate to, List<DayFigures> days, DayFigures total) {

    /** The view of the core's report. */
    public static DailySalesReport of(io.vruksha.retail.report.DailySalesReport d) {
      return new DailySalesReport(
          d.from(),
          d.to(),
          d.days().stream().map(DayFigures::of).toList(),
          DayFigures.of(d.total()));
    }
  }

  /**
   * One SKU over a range.
   *
   * @param sku the SKU
   * @param sales sales that had it
   * @param units units sold
   * @param revenue what it took in: the exact sum rounded half-up to the minor unit once
   */
  public record ProductLine(String sku, long sales, BigDecimal units, Money revenue) {

    /** The view of the core's line: the exact revenue rounded once. */
    public static ProductLine of(SalesAnalytics.SkuTotal t) {
      return new ProductLine(t.sku(), t.sales(), t.units(), t.revenue().rounded());
    }
  }

  /**
   * Product performance over a range, best sellers by revenue first.
   *
   * @param from the first day
   * @param to the last day
   * @param products one line per SKU
   */
  public record ProductPerformanceReport(LocalDate from, LocalDate to, List<ProductLine> products) {

    /** The view of the core's report. */
    public static ProductPerformanceReport of(io.vruksha.retail.report.ProductPerformanceReport p) {
      return new ProductPerformanceReport(
          p.from(), p.to(), p.products().stream().map(ProductLine::of).toList());
    }
  }

  /**
   * One tax rate over a range: charged by sales, refunded by returns (each returned line on its
   * original line's rates).
   *
   * @param rateCode the rate's code
   * @param name its name
   * @param rate the rate
   * @param taxableBase what sales charged it on
   * @param tax the tax sales charged
   * @param returnsBase what returns refunded at it, tax excluded
   * @param returnsTax the tax returns refunded at it
   * @param netTax tax less returns tax
   */
  public record TaxLine(
      String rateCode,
      String name,
      BigDecimal rate,
      Money taxableBase,
      Money tax,
      Money returnsBase,
      Money returnsTax,
      Money netTax) {

    /** The view of the core's figures. */
    public static TaxLine of(TaxRateFigures r) {
      return new TaxLine(
          r.rateCode(),
          r.name(),
          r.rate(),
          r.salesBase(),
          r.salesTax(),
          r.returnsBase(),
          r.returnsTax(),
          r.netTax());
    }
  }

  /**
   * One levy over a range (a deposit, an eco-fee): what sales charged of it. Its tax is in its
   * rate's line too.
   *
   * @param code the levy's code
   * @param name its name
   * @param units the units it was charged on (pieces, kilograms, litres)
   * @param net the levy without tax
   * @param tax the tax on it
   * @param gross the levy with tax
   */
  public record LevyLine(
      String code, String name, BigDecimal units, Money net, Money tax, Money gross) {

    /** The view of the core's figures. */
    public static LevyLine of(TaxLevyFigures l) {
      return new LevyLine(l.code(), l.name(), l.units(), l.net(), l.tax(), l.gross());
    }
  }

  /**
   * Tax charged over a range.
   *
   * @param from the first day
   * @param to the last day
   * @param rates per rate, the tax on sales and the tax refunded on returns
   * @param levies per levy (deposits, eco-fees), what sales charged: units, net, tax and gross
   * @param salesTax the tax on sales
   * @param returnsTax the tax refunded on returns
   * @param netTax sales tax less returns tax
   */
  public record TaxSummary(
      LocalDate from,
      LocalDate to,
      List<TaxLine> rates,
      List<LevyLine> levies,
      Money salesTax,
      Money returnsTax,
      Money netTax) {

    /** The view of the core's summary. */
    public static TaxSummary of(io.vruksha.retail.report.TaxSummary t) {
      return new TaxSummary(
          t.from(),
          t.to(),
          t.rates().stream().map(TaxLine::of).toList(),
          t.levies().stream().map(LevyLine::of).toList(),
          t.salesTax(),
          t.returnsTax(),
          t.netTax());
    }
  }

  /**
   * The store's fiscal journal, verified as stored: every entry's hash recomputed from its content
   * and the hash before it ({@code retail verify-journal} does the same from the command line).
   *
   * @param store the store
   * @param entries how many entries the journal holds (invoices, credit notes, Z reports)
   * @param verified whether the whole chain verifies
   * @param problems one sentence per entry that does not (altered, removed or moved); empty when it
   *     verifies
   * @param lastNumber the number of the newest entry, if any
   * @param lastHash the hash of the newest entry, if any
   */
  public record JournalVerification(
      StoreId store,
      long entries,
      boolean verified,
      List<String> problems,
      Optional<String> lastNumber,
      Optional<String> lastHash) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/stores/{storeId}/journal/verification")
            .errors(ErrorCode.NOT_FOUND)
            .doc(
                "reports",
                "The fiscal journal verified as stored: entries, whether the chain holds, and"
                    + " every problem found")
            .role(Role.SUPERVISOR)
            .returns(JournalVerification.class)
            .to(
                call -> {
                  Store store = store(s, call);
                  List<FiscalDocument> entries = s.engine().journal().entries(store.id());
                  Optional<FiscalDocument> last =
                      entries.isEmpty()
                          ? Optional.empty()
                          : Optional.of(entries.get(entries.size() - 1));
                  List<String> problems = FiscalJournal.verify(entries);
                  return new JournalVerification(
                      store.id(),
                      entries.size(),
                      problems.isEmpty(),
                      problems,
                      last.map(FiscalDocument::number),
                      last.map(FiscalDocument::hash));
                }),
        route(GET, "/api/v1/stores/{storeId}/reports/daily-sales")
            .errors(ErrorCode.NOT_FOUND)
            .query(
                QueryParam.date("from", "the first day, in the store's time zone (default today)"),
                QueryParam.date("to", "the last day, inclusive (default today or from)"))
            .doc("reports", "Sales, units, gross, returns and net per business day (?from, ?to)")
            .role(Role.SUPERVISOR)
            .returns(DailySalesReport.class)
            .to(
                call -> {
                  Store store = store(s, call);
                  LocalDate[] r = range(call, store.zone());
                  return DailySalesReport.of(
                      s.engine().reports().dailySales(store.id(), r[0], r[1]));
                }),
        route(GET, "/api/v1/stores/{storeId}/reports/product-performance")
            .errors(ErrorCode.NOT_FOUND)
            .query(
                QueryParam.date("from", "the first day, in the store's time zone (default today)"),
                QueryParam.date("to", "the last day, inclusive (default today or from)"))
            .doc("reports", "Units and revenue per SKU, best sellers first (?from, ?to)")
            .role(Role.SUPERVISOR)
            .returns(ProductPerformanceReport.class)
            .to(
                call -> {
                  Store store = store(s, call);
                  LocalDate[] r = range(call, store.zone());
                  return ProductPerformanceReport.of(
                      s.engine().reports().productPerformance(store.id(), r[0], r[1]));
                }),
        route(GET, "/api/v1/stores/{storeId}/reports/tax-summary")
            .errors(ErrorCode.NOT_FOUND)
            .query(
                QueryParam.date("from", "the first day, in the store's time zone (default today)"),
                QueryParam.date("to", "the last day, inclusive (default today or from)"))
            .doc("reports", "Tax charged per rate on sales, and refunded on returns (?from, ?to)")
            .role(Role.SUPERVISOR)
            .returns(TaxSummary.class)
            .to(
                call -> {
                  Store store = store(s, call);
                  LocalDate[] r = range(call, store.zone());
                  return TaxSummary.of(s.engine().reports().taxSummary(store.id(), r[0], r[1]));
                }));
  }

  private static Store store(ServerContext s, ApiCall call) {
    return s.engine()
        .stores()
        .find(call.store())
        .orElseThrow(() -> ApiProblem.notFound("no store " + call.store()));
  }

  static LocalDate[] range(ApiCall call, ZoneId zone) {
    LocalDate today = LocalDate.now(zone);
    LocalDate from = call.date("from").orElse(today);
    LocalDate to = call.date("to").orElse(from.isAfter(today) ? from : today);
    if (to.isBefore(from)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "to is before from", List.of("from", "to"));
    }
    if (from.plusDays(366).isBefore(to)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a report covers at most 366 days", List.of("from", "to"));
    }
    return new LocalDate[] {from, to};
  }
}

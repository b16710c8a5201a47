package io.vruksha.retail.server.api;

import static io.javalin.http.HandlerType.GET;
import static io.vruksha.retail.server.http.ApiRoute.route;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.server.ServerContext;
import io.vruksha.retail.server.http.ApiCall;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports over a range of business days ({@code ?from=YYYY-MM-DD&to=YYYY-MM-DD}, both included,
 * today by default, at most 366 days): daily sales and product performance from the analytics
 * aggregates, and the tax summary from the sales and returns themselves.
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

    static DayFigures of(DailySales d) {
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
      LocalDate from, LocalDate to, List<DayFigures> days, DayFigures total) {}

  /**
   * One SKU over a range.
   *
   * @param sku the SKU
   * @param sales sales that had it
   * @param units units sold
   * @param revenue what it took in: the exact sum rounded half-up to the minor unit once
   */
  public record ProductLine(String sku, long sales, BigDecimal units, Money revenue) {}

  /**
   * Product performance over a range, best sellers by revenue first.
   *
   * @param from the first day
   * @param to the last day
   * @param products one line per SKU
   */
  public record ProductPerformanceReport(
      LocalDate from, LocalDate to, List<ProductLine> products) {}

  /**
   * One tax rate over a range.
   *
   * @param rateCode the rate's code
   * @param name its name
   * @param rate the rate
   * @param taxableBase what it was charged on
   * @param tax the tax charged
   */
  public record TaxLine(
      String rateCode, String name, BigDecimal rate, Money taxableBase, Money tax) {}

  /**
   * Tax charged over a range.
   *
   * @param from the first day
   * @param to the last day
   * @param rates the tax on sales per rate
   * @param salesTax the tax on sales
   * @param returnsTax the tax refunded on returns
   * @param netTax sales tax less returns tax
   */
  public record TaxSummary(
      LocalDate from,
      LocalDate to,
      List<TaxLine> rates,
      Money salesTax,
      Money returnsTax,
      Money netTax) {}

  /** The routes. */
  public static List<ApiRoute> routes(ServerContext s) {
    return List.of(
        route(GET, "/api/v1/stores/{storeId}/reports/daily-sales")
            .doc("reports", "Sales, units, gross, returns and net per business day (?from, ?to)")
            .role(Role.SUPERVISOR)
            .returns(DailySalesReport.class)
            .to(
                call -> {
                  Store store = store(s, call);
                  LocalDate[] r = range(call, store.zone());
                  List<DailySales> days = s.engine().analytics().daily(store.id(), r[0], r[1]);
                  return new DailySalesReport(
                      r[0],
                      r[1],
                      days.stream().map(DayFigures::of).toList(),
                      DayFigures.of(
                          SalesAnalytics.total(
                              store.id(), r[0], days, Money.zero(store.currency()))));
                }),
        route(GET, "/api/v1/stores/{storeId}/reports/product-performance")
            .doc("reports", "Units and revenue per SKU, best sellers first (?from, ?to)")
            .role(Role.SUPERVISOR)
            .returns(ProductPerformanceReport.class)
            .to(
                call -> {
                  Store store = store(s, call);
                  LocalDate[] r = range(call, store.zone());
                  List<ProductLine> lines =
                      SalesAnalytics.bySku(s.engine().analytics().products(store.id(), r[0], r[1]))
                          .stream()
                          .map(
                              t ->
                                  new ProductLine(
                                      t.sku(), t.sales(), t.units(), t.revenue().rounded()))
                          .toList();
                  return new ProductPerformanceReport(r[0], r[1], lines);
                }),
        route(GET, "/api/v1/stores/{storeId}/reports/tax-summary")
            .doc("reports", "Tax charged per rate on sales, and refunded on returns (?from, ?to)")
            .role(Role.SUPERVISOR)
            .returns(TaxSummary.class)
            .to(
                call -> {
                  Store store = store(s, call);
                  LocalDate[] r = range(call, store.zone());
                  Money zero = Money.zero(store.currency());
                  Map<String, TaxLine> rates = new TreeMap<>();
                  Money salesTax = zero;
                  for (Sale sale : s.engine().sales().list(store.id())) {
                    if (!within(sale.at().atZone(store.zone()).toLocalDate(), r)) {
                      continue;
                    }
                    salesTax = salesTax.plus(sale.basket().tax());
                    for (TaxBreakdownEntry e : sale.basket().taxBreakdown()) {
                      rates.merge(
                          e.rateCode(),
                          new TaxLine(e.rateCode(), e.name(), e.rate(), e.taxableBase(), e.tax()),
                          (a, b) ->
                              new TaxLine(
                                  a.rateCode(),
                                  a.name(),
                                  a.rate(),
                                  a.taxableBase().plus(b.taxableBase()),
                                  a.tax().plus(b.tax())));
                    }
                  }
                  Money returnsTax = zero;
                  for (ReturnReceipt ret : s.engine().sales().returns(store.id())) {
                    if (within(ret.at().atZone(store.zone()).toLocalDate(), r)) {
                      returnsTax = returnsTax.plus(ret.tax());
                    }
                  }
                  return new TaxSummary(
                      r[0],
                      r[1],
                      List.copyOf(rates.values()),
                      salesTax,
                      returnsTax,
                      salesTax.minus(returnsTax));
                }));
  }

  private static boolean within(LocalDate day, LocalDate[] range) {
    return !day.isBefore(range[0]) && !day.isAfter(range[1]);
  }

  private static Store store(ServerContext s, ApiCall call) {
    return s.engine()
        .stores()
        .find(call.store())
        .orElseThrow(() -> ApiProblem.notFound("no store " + call.store()));
  }

  private static LocalDate[] range(ApiCall call, ZoneId zone) {
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

package io.vruksha.retail.report;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.tax.LevyTax;
import io.vruksha.retail.tax.TaxAmount;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.tax.TaxTreatment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A store's figures over a range of business days (both ends included, read in the store's time
 * zone): daily sales, product performance and the tax summary, the one place they are computed. The
 * REST server's {@code /reports/...} routes and the command line's {@code retail report ...} both
 * call it, so they show the same figures.
 *
 * <p>Daily sales and product performance come from the analytics aggregates ({@link
 * SalesAnalytics}, kept by the analytics reaction), added exactly and rounded only where shown. The
 * tax summary comes from the sales and returns themselves, each on the business day it happened:
 * per rate, the sales' tax breakdowns, and the returns' refunds put back on the rates of the lines
 * they return (a line taxed at two rates splits its refund's tax by the original taxes and its base
 * by the original bases, by largest remainder); the totals are the documents' own tax totals.
 *
 * <p>Reads only; run it inside the store's unit of work where the adapters need one. Thread-safe
 * when its ports are.
 */
public final class PeriodReports {

  private final Stores stores;
  private final Sales sales;
  private final SalesAnalytics analytics;

  /** Reports over these ports. */
  public PeriodReports(Stores stores, Sales sales, SalesAnalytics analytics) {
    this.stores = stores;
    this.sales = sales;
    this.analytics = analytics;
  }

  /** Per business day with activity, and the range's total. */
  public DailySalesReport dailySales(StoreId storeId, LocalDate from, LocalDate to) {
    Store store = store(storeId, from, to);
    List<DailySales> days = analytics.daily(store.id(), from, to);
    return new DailySalesReport(
        from, to, days, SalesAnalytics.total(store.id(), from, days, Money.zero(store.currency())));
  }

  /** Per SKU over the range, best sellers by revenue first. */
  public ProductPerformanceReport productPerformance(
      StoreId storeId, LocalDate from, LocalDate to) {
    Store store = store(storeId, from, to);
    return new ProductPerformanceReport(
        from, to, SalesAnalytics.bySku(analytics.products(store.id(), from, to)));
  }

  /** Tax per rate charged by the range's sales and refunded by its returns. */
  public TaxSummary taxSummary(StoreId storeId, LocalDate from, LocalDate to) {
    Store store = store(storeId, from, to);
    Money zero = Money.zero(store.currency());
    Map<String, Rate> rates = new TreeMap<>();
    Map<String, Levy> levies = new TreeMap<>();
    Map<String, Sale> salesById = new HashMap<>();
    Money salesTax = zero;
    for (Sale sale : sales.list(store.id())) {
      salesById.put(sale.id(), sale);
      if (!within(store, sale.at(), from, to)) {
        continue;
      }
      salesTax = salesTax.plus(sale.basket().tax());
      for (PricedLine line : sale.basket().lines()) {
        for (LevyTax l : line.tax().levies()) {
          Levy levy = levies.computeIfAbsent(l.code(), c -> new Levy(c, zero));
          levy.name = l.name();
          levy.units = levy.units.add(line.quantity().value());
          levy.net = levy.net.plus(l.net());
          levy.tax = levy.tax.plus(l.tax());
          levy.gross = levy.gross.plus(l.gross());
        }
      }
      for (TaxBreakdownEntry e : sale.basket().taxBreakdown()) {
        Rate r = rates.computeIfAbsent(e.rateCode(), c -> new Rate(c, e.name(), e.rate(), zero));
        r.name = e.name();
        r.rate = e.rate();
        r.salesBase = r.salesBase.plus(e.taxableBase());
        r.salesTax = r.salesTax.plus(e.tax());
      }
    }
    Money returnsTax = zero;
    for (ReturnReceipt ret : sales.returns(store.id())) {
      if (!within(store, ret.at(), from, to)) {
        continue;
      }
      returnsTax = returnsTax.plus(ret.tax());
      // the sale a return returns may be older than the store's listed sales window
      Optional<Sale> original =
          Optional.ofNullable(salesById.get(ret.saleId())).or(() -> sales.find(ret.saleId()));
      original.ifPresent(s -> salesById.put(s.id(), s));
      for (ReturnReceipt.Line line : ret.lines()) {
        returned(rates, original, line, zero);
      }
    }
    List<TaxRateFigures> lines = new ArrayList<>();
    for (Rate r : rates.values()) {
      lines.add(
          new TaxRateFigures(
              r.code, r.name, r.rate, r.salesBase, r.salesTax, r.returnsBase, r.returnsTax));
    }
    List<TaxLevyFigures> levyLines = new ArrayList<>();
    for (Levy l : levies.values()) {
      levyLines.add(new TaxLevyFigures(l.code, l.name, l.units, l.net, l.tax, l.gross));
    }
    return new TaxSummary(from, to, lines, levyLines, salesTax, returnsTax);
  }

  /** The store, after checking the range. */
  private Store store(StoreId storeId, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "to (" + to + ") is before from (" + from + ")",
          List.of("from", "to"));
    }
    return stores
        .find(storeId)
        .orElseThrow(() -> new NotFoundException(ErrorCode.NOT_FOUND, "no store " + storeId));
  }

  private static boolean within(Store store, Instant at, LocalDate from, LocalDate to) {
    LocalDate day = at.atZone(store.zone()).toLocalDate();
    return !day.isBefore(from) && !day.isAfter(to);
  }

  /** A rate's running sums. */
  private static final class Rate {
    final String code;
    String name;
    BigDecimal rate;
    Money salesBase;
    Money salesTax;
    Money returnsBase;
    Money returnsTax;

    Rate(String code, String name, BigDecimal rate, Money zero) {
      this.code = code;
      this.name = name;
      this.rate = rate;
      this.salesBase = zero;
      this.salesTax = zero;
      this.returnsBase = zero;
      this.returnsTax = zero;
    }
  }

  /** A levy's running sums. */
  private static final class Levy {
    final String code;
    String name;
    BigDecimal units = BigDecimal.ZERO;
    Money net;
    Money tax;
    Money gross;

    Levy(String code, Money zero) {
      this.code = code;
      this.name = code;
      this.net = zero;
      this.tax = zero;
      this.gross = zero;
    }
  }

  /**
   * Puts a returned line's base and tax on its original line's rates. A line with no tax (zero
   * rated, exempt, or whose sale is not found) goes on the {@code ZERO} or {@code EXEMPT} row.
   */
  private static void returned(
      Map<String, Rate> rates, Optional<Sale> original, ReturnReceipt.Line line, Money zero) {
    Money base = line.refund().minus(line.tax());
    // the goods' taxes and their levies' (a deposit's VAT), so each rate gets its share back
    List<TaxAmount> taxes =
        original
            .map(s -> s.basket().line(line.lineIndex()).tax())
            .map(
                t ->
                    Stream.concat(
                            t.taxes().stream(),
                            t.levies().stream().flatMap(PeriodReports::levyTaxes))
                        .toList())
            .orElse(List.of());
    if (taxes.isEmpty()) {
      TaxTreatment t =
          original
              .map(s -> s.basket().line(line.lineIndex()).tax().treatment())
              .orElse(TaxTreatment.EXEMPT);
      String code =
          t == TaxTreatment.ZERO_RATED
              ? TaxBreakdownEntry.ZERO_RATED
              : t == TaxTreatment.EXEMPT ? TaxBreakdownEntry.EXEMPT : "UNKNOWN";
      Rate r = rates.computeIfAbsent(code, c -> new Rate(c, c, BigDecimal.ZERO, zero));
      r.returnsBase = r.returnsBase.plus(base);
      r.returnsTax = r.returnsTax.plus(line.tax());
      return;
    }
    List<Money> taxShares = share(line.tax(), taxes, a -> a.tax().amount());
    List<Money> baseShares = share(base, taxes, a -> a.base().amount());
    for (int i = 0; i < taxes.size(); i++) {
      TaxAmount a = taxes.get(i);
      Rate r = rates.computeIfAbsent(a.rateCode(), c -> new Rate(c, c, a.rate(), zero));
      r.returnsBase = r.returnsBase.plus(baseShares.get(i));
      r.returnsTax = r.returnsTax.plus(taxShares.get(i));
    }
  }

  /** {@code total} split by the taxes' weights (all on the first when every weight is zero). */
  /** A levy's taxes; an exempt levy (a deposit outside the tax) as exempt turnover. */
  private static Stream<TaxAmount> levyTaxes(LevyTax levy) {
    return levy.treatment() == TaxTreatment.EXEMPT
        ? Stream.of(
            new TaxAmount(TaxBreakdownEntry.EXEMPT, BigDecimal.ZERO, levy.net(), levy.tax()))
        : levy.taxes().stream();
  }

  private static List<Money> share(
      Money total, List<TaxAmount> taxes, Function<TaxAmount, BigDecimal> weight) {
    if (taxes.size() == 1) {
      return List.of(total);
    }
    List<BigDecimal> weights = taxes.stream().map(weight).toList();
    if (weights.stream().allMatch(w -> w.signum() == 0)) {
      List<Money> even = new ArrayList<>();
      even.add(total);
      for (int i = 1; i < taxes.size(); i++) {
        even.add(Money.zero(total.currency()));
      }
      return even;
    }
    return total.allocate(weights);
  }
}

package io.vruksha.retail.cli;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Rounding;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.tax.TaxCalculator;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLine;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tax of an imported sales line that has none, by the engine's {@link TaxCalculator}: the
 * store's jurisdiction, the SKU's tax category in the catalogue, the line alone as the document (so
 * a jurisdiction that rounds per document rounds each line here). The line's amount is first
 * rounded half-up to the currency's minor units, as a receipt would print it; the tax is then in
 * minor units too. Not thread-safe: the thread that reads the file uses it.
 */
final class SalesTax {

  private final Optional<TaxJurisdiction> jurisdiction;
  private final Currency currency;
  private final Function<String, Optional<TaxCategory>> categoryOfSku;
  private final Map<String, Optional<TaxCategory>> categories = new HashMap<>();
  private final TaxCalculator calculator = new TaxCalculator();

  /**
   * @param jurisdiction the store's tax jurisdiction, if it has one
   * @param currency the store's currency
   * @param categoryOfSku the tax category of a SKU in the catalogue (asked once per SKU)
   */
  SalesTax(
      Optional<TaxJurisdiction> jurisdiction,
      Currency currency,
      Function<String, Optional<TaxCategory>> categoryOfSku) {
    this.jurisdiction = jurisdiction;
    this.currency = currency;
    this.categoryOfSku = categoryOfSku;
  }

  /** No jurisdiction: a line without tax is refused. */
  static SalesTax none(Store store) {
    return new SalesTax(Optional.empty(), store.currency(), sku -> Optional.empty());
  }

  /**
   * The tax of a line of {@code sku} over {@code amount}, gross ({@code includesTax}: the tax is
   * the part of it that is tax) or net (the tax is added to it); zero for a SKU not in the
   * catalogue, which the import rejects anyway.
   *
   * @throws ImportSales.Unparsable when there is no jurisdiction or it has no rule for the SKU's
   *     tax category
   */
  BigDecimal of(String sku, BigDecimal amount, boolean includesTax) throws ImportSales.Unparsable {
    if (jurisdiction.isEmpty()) {
      throw new ImportSales.Unparsable(
          "tax is missing and the store has no tax jurisdiction to compute it from:"
              + " give tax, or --default tax=0");
    }
    Optional<TaxCategory> category = categories.computeIfAbsent(sku, categoryOfSku);
    if (category.isEmpty()) {
      return BigDecimal.ZERO;
    }
    try {
      return calculator
          .calculate(
              jurisdiction.get(),
              List.of(
                  new TaxLine(0, category.get(), Rounding.halfUp(amount, currency), includesTax)),
              Optional.empty())
          .tax()
          .amount();
    } catch (RetailException e) {
      throw new ImportSales.Unparsable(e.getMessage() + ": give tax, or --default tax=0");
    }
  }
}

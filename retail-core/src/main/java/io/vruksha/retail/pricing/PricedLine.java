package io.vruksha.retail.pricing;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.tax.LineTax;
import java.util.List;
import java.util.Optional;

/**
 * One priced line, explainable on the receipt: the unit price and where it came from, the line
 * amount, every discount by name, and the tax.
 *
 * <p>{@code amount − discountTotal = amountAfterDiscounts}; tax is computed on {@code
 * amountAfterDiscounts}, which is gross when {@code pricesIncludeTax} and net otherwise; {@code
 * total} is what the customer pays for the line, tax included.
 *
 * @param index position in the basket, from 0
 * @param sku the SKU sold
 * @param name the product's name for the receipt
 * @param quantity how many
 * @param unitPrice the unit price used
 * @param origin where the unit price came from
 * @param priceList the price list, when the price came from one
 * @param pricesIncludeTax whether {@code unitPrice} and {@code amount} include tax
 * @param amount unit price × quantity, rounded half-up to the cent
 * @param discounts every discount on the line
 * @param discountTotal the sum of {@code discounts}
 * @param amountAfterDiscounts {@code amount − discountTotal}
 * @param taxCategory the product's tax category
 * @param tax the line's tax
 * @param total what the customer pays for the line, tax included
 */
public record PricedLine(
    int index,
    Sku sku,
    String name,
    Quantity quantity,
    UnitPrice unitPrice,
    PriceOrigin origin,
    Optional<PriceListId> priceList,
    boolean pricesIncludeTax,
    Money amount,
    List<LineDiscount> discounts,
    Money discountTotal,
    Money amountAfterDiscounts,
    TaxCategory taxCategory,
    LineTax tax,
    Money total) {

  /** Where a line's unit price came from. */
  public enum PriceOrigin {
    /** Resolved from the store's price lists. */
    PRICE_LIST,
    /** Keyed by hand by a member of staff with the permission. */
    MANUAL_OVERRIDE,
    /** Printed into a price-embedded barcode by a scale or a markdown label. */
    EMBEDDED_BARCODE
  }

  /** Copies the discounts. */
  public PricedLine {
    discounts = List.copyOf(discounts);
  }

  /** The part of {@link #discountTotal} given by promotions. */
  public Money promotionDiscount() {
    return discounts.stream()
        .filter(d -> d.kind() == LineDiscount.Kind.PROMOTION)
        .map(LineDiscount::amount)
        .reduce(Money.zero(amount.currency()), Money::plus);
  }
}

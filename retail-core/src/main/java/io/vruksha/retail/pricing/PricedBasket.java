package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.money.CashRounding;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.promotion.AppliedPromotion;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A priced basket: every line explained, the promotions applied, the per-rate tax breakdown and the
 * totals, all exact to the cent and adding up.
 *
 * <p>{@code subtotal − discountTotal} is the sum of the lines' amounts after discounts (levies a
 * line adds on top, such as a deposit, are in the line's total and its tax, not in its amount);
 * {@code net + tax + totalRounding = total}; the breakdown's taxes sum to {@code tax}. Cash
 * rounding touches only what a customer paying cash hands over ({@link #cashTotal()}), never the
 * document's amounts; a store that rounds on every tender rounds the total itself ({@code
 * totalRounding}, outside the tax).
 *
 * @param store the store
 * @param at the pricing instant
 * @param currency the currency of every amount
 * @param lines the priced lines, in basket order
 * @param subtotal the sum of line amounts before discounts
 * @param discountTotal every discount, promotions and manual
 * @param net the total without tax
 * @param tax the total tax
 * @param total what the customer pays
 * @param taxBreakdown tax per rate (taxable base and tax), as EU receipts must show
 * @param promotions promotions applied, with their total discount
 * @param couponsUsed coupon codes that gave a discount (redeemed at checkout)
 * @param rejectedCoupons presented codes that gave nothing, with why (unknown, exhausted)
 * @param taxExemptionCertificate the certificate that exempted lines, if any
 * @param cashRounding the store's cash rounding
 * @param totalRounding what rounding the total to the store's increment added (positive) or took
 *     (negative) when the store rounds on every tender; zero otherwise
 */
public record PricedBasket(
    StoreId store,
    Instant at,
    Currency currency,
    List<PricedLine> lines,
    Money subtotal,
    Money discountTotal,
    Money net,
    Money tax,
    Money total,
    List<TaxBreakdownEntry> taxBreakdown,
    List<AppliedPromotion> promotions,
    Set<String> couponsUsed,
    Map<String, ErrorCode> rejectedCoupons,
    Optional<String> taxExemptionCertificate,
    CashRounding cashRounding,
    Money totalRounding) {

  /** Copies the collections; a basket stored before total rounding existed had none. */
  public PricedBasket {
    totalRounding = totalRounding == null ? Money.zero(currency) : totalRounding;
    lines = List.copyOf(lines);
    taxBreakdown = List.copyOf(taxBreakdown);
    promotions = List.copyOf(promotions);
    couponsUsed = Set.copyOf(couponsUsed);
    rejectedCoupons = Map.copyOf(rejectedCoupons);
    at = Instants.microsOrNull(at);
  }

  /** The line at {@code index}. */
  public PricedLine line(int index) {
    return lines.get(index);
  }

  /** What a customer paying the whole basket in cash hands over (CHF 10.03 becomes 10.05). */
  public Money cashTotal() {
    return cashRounding.apply(total);
  }

  /** {@link #cashTotal()} minus {@link #total()}: the rounding booked on a cash payment. */
  public Money cashRoundingAdjustment() {
    return cashRounding.adjustment(total);
  }
}

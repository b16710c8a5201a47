package io.vruksha.retail.pricing;

import io.vruksha.retail.money.UnitPrice;

/**
 * The effective price of a SKU for a query, and where it came from (printed on a price check,
 * stored on the sale line).
 *
 * @param price the unit price
 * @param list the list it was taken from
 * @param pricesIncludeTax whether the price is gross (tax-inclusive)
 */
public record ResolvedPrice(UnitPrice price, PriceListId list, boolean pricesIncludeTax) {}

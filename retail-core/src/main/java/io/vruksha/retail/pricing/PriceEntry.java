package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.UnitPrice;
import java.util.Objects;

/**
 * One SKU's price in one price list.
 *
 * @param list the list's header
 * @param sku the SKU
 * @param price the price per unit, in the list's currency
 */
public record PriceEntry(PriceList list, Sku sku, UnitPrice price) {

  /** Checks that the price is in the list's currency. */
  public PriceEntry {
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(price, "price");
    if (!price.currency().equals(list.currency())) {
      throw new InvalidInputException(
          ErrorCode.CURRENCY_MISMATCH,
          "price list "
              + list.id()
              + " is in "
              + list.currency().getCurrencyCode()
              + ", the price of "
              + sku
              + " is in "
              + price.currency().getCurrencyCode());
    }
  }
}

package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import java.util.Optional;

/**
 * One SKU with what pricing, tax and the till need from its product, flattened.
 *
 * @param sku the SKU
 * @param product the product it belongs to
 * @param name the name for the receipt
 * @param category the product's category
 * @param taxCategory the product's tax category
 * @param status the product's status
 * @param unit how it is counted
 * @param cost the purchase cost per unit, when known, exactly (it may be finer than the currency)
 */
public record SellableItem(
    Sku sku,
    ProductId product,
    String name,
    CategoryId category,
    TaxCategory taxCategory,
    ProductStatus status,
    UnitOfMeasure unit,
    Optional<UnitPrice> cost) {

  /** Throws unless the item may be sold. */
  public void requireSellable() {
    if (!status.sellable()) {
      throw new RuleViolationException(
          ErrorCode.PRODUCT_BLOCKED, name + " (" + sku + ") is blocked for sale");
    }
  }
}

package io.vruksha.retail.promotion;

import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A basket line as the promotion engine sees it.
 *
 * @param index the line's position in the basket
 * @param sku its SKU
 * @param categories its category and every ancestor
 * @param quantity how many
 * @param unitPrice the unit price, rounded to the cent
 * @param amount the line amount before promotions
 * @param unitCost the cost per unit, if known, exactly (it may be finer than the currency)
 * @param eligible false when a manual price or discount already touched the line
 */
public record PromotionLine(
    int index,
    Sku sku,
    Set<CategoryId> categories,
    Quantity quantity,
    Money unitPrice,
    Money amount,
    Optional<UnitPrice> unitCost,
    boolean eligible) {

  /** Checks for nulls and copies the categories. */
  public PromotionLine {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(unitCost, "unitCost");
    categories = Set.copyOf(categories);
  }
}

package io.vruksha.retail.procurement;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import java.util.Map;
import java.util.Objects;

/**
 * A supplier and what it sells, at what cost and lead time.
 *
 * @param id the identity
 * @param name the name
 * @param items the SKUs it supplies
 */
public record Supplier(String id, String name, Map<Sku, Item> items) {

  /**
   * What a supplier charges for a SKU and how long it takes.
   *
   * @param cost the unit cost
   * @param leadTimeDays days from order to delivery
   */
  public record Item(Money cost, int leadTimeDays) {
    /** Validates. */
    public Item {
      Objects.requireNonNull(cost, "cost");
      if (cost.isNegative() || leadTimeDays < 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a supplier's cost and lead time cannot be negative");
      }
    }
  }

  /** Validates the id and name. */
  public Supplier {
    items = Map.copyOf(items);
    if (id == null || id.isBlank() || name == null || name.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a supplier needs an id and a name");
    }
  }
}

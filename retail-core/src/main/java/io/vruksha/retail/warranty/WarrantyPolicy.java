package io.vruksha.retail.warranty;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import java.util.Objects;

/**
 * A serialised SKU: every unit sold needs its serial number, and carries a warranty of {@code
 * months} from the day of sale (zero: serialised, no warranty).
 *
 * @param sku the SKU
 * @param months the warranty period
 */
public record WarrantyPolicy(Sku sku, int months) {

  /** Validates the period. */
  public WarrantyPolicy {
    Objects.requireNonNull(sku, "sku");
    if (months < 0 || months > 240) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a warranty lasts 0 to 240 months, was " + months);
    }
  }
}

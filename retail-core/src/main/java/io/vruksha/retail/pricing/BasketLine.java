package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One line as the till sends it: what was scanned or keyed, how many, and any manual price or
 * discount the cashier applied.
 *
 * @param code a SKU or a barcode (including price- and weight-embedded EAN-13)
 * @param quantity how many; empty means one piece, or the weight a weight-embedded barcode carries
 * @param priceOverride a unit price keyed by hand; needs the PRICE_OVERRIDE permission
 * @param discount a manual line discount; needs the LINE_DISCOUNT permission
 */
public record BasketLine(
    String code,
    Optional<Quantity> quantity,
    Optional<UnitPrice> priceOverride,
    Optional<ManualDiscount> discount) {

  /** The largest quantity one line may carry (pieces, or kilograms, litres, metres). */
  public static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(10_000);

  /** Validates the code and, when given, that the quantity is positive and not absurd. */
  public BasketLine {
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(priceOverride, "priceOverride");
    Objects.requireNonNull(discount, "discount");
    if (code == null || code.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a basket line needs a SKU or barcode");
    }
    code = code.strip();
    quantity.ifPresent(Quantity::requirePositive);
    if (quantity.isPresent() && quantity.get().value().compareTo(MAX_QUANTITY) > 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a basket line may carry at most "
              + MAX_QUANTITY
              + " units, this one has "
              + quantity.get());
    }
    if (code.length() > 64) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a SKU or barcode has at most 64 characters");
    }
  }

  /** {@code quantity} of the SKU or barcode {@code code}. */
  public static BasketLine of(String code, Quantity quantity) {
    return new BasketLine(code, Optional.of(quantity), Optional.empty(), Optional.empty());
  }

  /** One scan of {@code code}: one piece, or the weight a weight-embedded barcode carries. */
  public static BasketLine scan(String code) {
    return new BasketLine(code, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This line with its unit price keyed by hand. */
  public BasketLine withPriceOverride(UnitPrice price) {
    return new BasketLine(code, quantity, Optional.of(price), discount);
  }

  /** This line with a manual discount. */
  public BasketLine withDiscount(ManualDiscount manual) {
    return new BasketLine(code, quantity, priceOverride, Optional.of(manual));
  }
}

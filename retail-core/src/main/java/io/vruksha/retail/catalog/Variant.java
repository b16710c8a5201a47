package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One sellable variant of a product (a size, a colour), identified by its SKU.
 *
 * @param sku the SKU
 * @param name the name printed on the receipt ("T-shirt blue M")
 * @param attributes what distinguishes it from its siblings ({@code size=M}, {@code colour=blue})
 * @param barcodes every barcode it is scanned by
 * @param unit how it is counted (pieces, kilograms)
 * @param cost the purchase cost per unit, when known (for "never below cost" and margins). A {@link
 *     UnitPrice}, not {@link Money}: a cost is a price per unit of measure that the domain quotes
 *     finer than the currency (2.7812 EUR a piece, 0.0049 EUR a screw), never negative and bounded
 *     to {@link UnitPrice#MAX_SCALE} decimals, and it is kept exactly as given. It is not an {@link
 *     io.vruksha.retail.money.ExactAmount}, which is a sum that may be negative. Rules that compare
 *     it with cent amounts say how they round it (see {@code Promotion#neverBelowCost}).
 */
public record Variant(
    Sku sku,
    String name,
    Map<String, String> attributes,
    List<Barcode> barcodes,
    UnitOfMeasure unit,
    Optional<UnitPrice> cost) {

  /** Validates the name, cost and barcodes. */
  public Variant {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(cost, "cost");
    attributes = Map.copyOf(attributes);
    barcodes = List.copyOf(barcodes);
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "variant " + sku + " needs a name");
    }
    Set<String> seen = new HashSet<>();
    for (Barcode b : barcodes) {
      if (!seen.add(b.toGtin13())) {
        throw new InvalidInputException(
            ErrorCode.DUPLICATE, "variant " + sku + " lists barcode " + b + " twice");
      }
    }
  }

  /** A piece-counted variant with the given barcodes and no attributes or cost. */
  public static Variant of(Sku sku, String name, UnitOfMeasure unit, String... barcodes) {
    return new Variant(
        sku,
        name,
        Map.of(),
        Arrays.stream(barcodes).map(Barcode::parse).toList(),
        unit,
        Optional.empty());
  }

  /** This variant with a purchase cost, exactly as given. */
  public Variant withCost(UnitPrice cost) {
    return new Variant(sku, name, attributes, barcodes, unit, Optional.of(cost));
  }

  /** This variant with a purchase cost in whole minor units. */
  public Variant withCost(Money cost) {
    return withCost(UnitPrice.of(cost));
  }

  /** This variant with an attribute. */
  public Variant withAttribute(String key, String value) {
    Map<String, String> copy = new HashMap<>(attributes);
    copy.put(key, value);
    return new Variant(sku, name, copy, barcodes, unit, cost);
  }
}

package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitOfMeasure;
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
 * @param cost the purchase cost per unit, when known (for "never below cost" and margins)
 */
public record Variant(
    Sku sku,
    String name,
    Map<String, String> attributes,
    List<Barcode> barcodes,
    UnitOfMeasure unit,
    Optional<Money> cost) {

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
    if (cost.isPresent() && cost.get().isNegative()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "variant " + sku + " has a negative cost " + cost.get());
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
        java.util.Arrays.stream(barcodes).map(Barcode::parse).toList(),
        unit,
        Optional.empty());
  }

  /** This variant with a purchase cost. */
  public Variant withCost(Money cost) {
    return new Variant(sku, name, attributes, barcodes, unit, Optional.of(cost));
  }

  /** This variant with an attribute. */
  public Variant withAttribute(String key, String value) {
    Map<String, String> copy = new java.util.HashMap<>(attributes);
    copy.put(key, value);
    return new Variant(sku, name, copy, barcodes, unit, cost);
  }
}

package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.UnitOfMeasure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A product and its variants: what a store sells, in which category, taxed how.
 *
 * @param id the product's identity
 * @param name its name
 * @param category its category (promotions on a category also reach its subcategories)
 * @param taxCategory the tax category every variant is taxed by
 * @param status whether it is sold and reordered
 * @param variants its SKUs, at least one
 */
public record Product(
    ProductId id,
    String name,
    CategoryId category,
    TaxCategory taxCategory,
    ProductStatus status,
    List<Variant> variants) {

  /** Validates the name, and that SKUs and barcodes are unique within the product. */
  public Product {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(taxCategory, "taxCategory");
    Objects.requireNonNull(status, "status");
    variants = List.copyOf(variants);
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "product " + id + " needs a name");
    }
    if (variants.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "product " + id + " needs at least one variant (SKU)");
    }
    Set<Sku> skus = new HashSet<>();
    Set<String> barcodes = new HashSet<>();
    for (Variant v : variants) {
      if (!skus.add(v.sku())) {
        throw new InvalidInputException(
            ErrorCode.DUPLICATE, "product " + id + " lists SKU " + v.sku() + " twice");
      }
      for (Barcode b : v.barcodes()) {
        if (!barcodes.add(b.toGtin13())) {
          throw new InvalidInputException(
              ErrorCode.DUPLICATE, "product " + id + " uses barcode " + b + " on two variants");
        }
      }
    }
  }

  /** Starts a product. */
  public static Builder builder(ProductId id) {
    return new Builder(id);
  }

  /** The variants as the flat items pricing and the till work with. */
  public List<SellableItem> items() {
    return variants.stream()
        .map(
            v ->
                new SellableItem(
                    v.sku(), id, v.name(), category, taxCategory, status, v.unit(), v.cost()))
        .toList();
  }

  /** This product with another status. */
  public Product withStatus(ProductStatus newStatus) {
    return new Product(id, name, category, taxCategory, newStatus, variants);
  }

  /** Collects a product. Not thread-safe. */
  public static final class Builder {
    private final ProductId id;
    private String name;
    private CategoryId category;
    private TaxCategory taxCategory;
    private ProductStatus status = ProductStatus.ACTIVE;
    private final List<Variant> variants = new ArrayList<>();

    private Builder(ProductId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** Its name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Its category. */
    public Builder category(CategoryId category) {
      this.category = category;
      return this;
    }

    /** Its tax category. */
    public Builder taxCategory(TaxCategory taxCategory) {
      this.taxCategory = taxCategory;
      return this;
    }

    /** Its status (active by default). */
    public Builder status(ProductStatus status) {
      this.status = status;
      return this;
    }

    /** Adds a variant. */
    public Builder variant(Variant variant) {
      variants.add(variant);
      return this;
    }

    /** Adds a variant by SKU, name, unit and barcodes. */
    public Builder variant(Sku sku, String name, UnitOfMeasure unit, String... barcodes) {
      return variant(Variant.of(sku, name, unit, barcodes));
    }

    /** The product; refuses a missing name, category or tax category. */
    public Product build() {
      if (category == null || taxCategory == null) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "product " + id + " needs a category and a tax category");
      }
      return new Product(id, name, category, taxCategory, status, variants);
    }
  }
}

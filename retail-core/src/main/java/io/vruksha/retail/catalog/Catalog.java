package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * Port: the products, their SKUs and barcodes, and the category tree.
 *
 * <p>Implementations must be thread-safe and must refuse, changing nothing, a product whose SKU or
 * barcode another product already uses ({@link io.vruksha.retail.ErrorCode#DUPLICATE}), and a
 * category that would break the tree ({@link io.vruksha.retail.ErrorCode#CATEGORY_INVALID}).
 */
public interface Catalog {

  /** Creates or replaces a product with all its variants. */
  void save(Product product);

  /** The product with this id. */
  Optional<Product> product(ProductId id);

  /** The item with this SKU. */
  Optional<SellableItem> item(Sku sku);

  /** The item carrying this barcode (compared in its 13-digit form). */
  Optional<SellableItem> itemByBarcode(Barcode barcode);

  /** Every item, ordered by SKU. */
  List<SellableItem> items();

  /** Creates or replaces a category. */
  void saveCategory(Category category);

  /** The category tree as it stands. */
  CategoryTree categories();

  /**
   * The refusal of a product whose barcode {@code barcode} another product's SKU already carries,
   * in the words every adapter uses.
   */
  static InvalidInputException barcodeTaken(Barcode barcode, String sku, String product) {
    return new InvalidInputException(
        ErrorCode.DUPLICATE,
        "barcode " + barcode + " already belongs to SKU " + sku + " of product " + product);
  }
}

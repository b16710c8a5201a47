package io.vruksha.retail.catalog;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what the scanner read into an item: first an exact barcode match (UPC-A and its EAN-13 form
 * are the same), then the store's embedded layouts, whose item barcode ({@link
 * EmbeddedBarcodeLayout#itemBarcode}) the product is registered under. Thread-safe.
 */
public final class ScanResolver {

  private final Catalog catalog;
  private final List<EmbeddedBarcodeLayout> layouts;

  /** A resolver over {@code catalog} knowing the store's embedded barcode layouts. */
  public ScanResolver(Catalog catalog, List<EmbeddedBarcodeLayout> layouts) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.layouts = List.copyOf(layouts);
  }

  /**
   * Resolves a scanned code.
   *
   * @throws io.vruksha.retail.InvalidInputException when the code is not a valid barcode
   * @throws NotFoundException with {@link ErrorCode#BARCODE_UNKNOWN} when no product carries it
   */
  public Scan resolve(String scanned) {
    Barcode barcode = Barcode.parse(scanned);
    Optional<SellableItem> exact = catalog.itemByBarcode(barcode);
    if (exact.isPresent()) {
      return Scan.of(exact.get());
    }
    for (EmbeddedBarcodeLayout layout : layouts) {
      if (layout.matches(barcode)) {
        EmbeddedBarcode embedded = layout.decode(barcode);
        Optional<SellableItem> item =
            catalog.itemByBarcode(layout.itemBarcode(embedded.itemCode()));
        if (item.isPresent()) {
          return new Scan(item.get(), embedded.price(), embedded.weight());
        }
      }
    }
    throw new NotFoundException(
        ErrorCode.BARCODE_UNKNOWN, "no product carries the barcode " + barcode);
  }
}

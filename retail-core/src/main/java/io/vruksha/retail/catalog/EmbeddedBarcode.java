package io.vruksha.retail.catalog;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import java.util.Optional;

/**
 * What a price- or weight-embedded barcode says.
 *
 * @param itemCode the prefix and item digits that identify the product
 * @param price the embedded price, for a price layout
 * @param weight the embedded weight, for a weight layout
 */
public record EmbeddedBarcode(String itemCode, Optional<Money> price, Optional<Quantity> weight) {}

package io.vruksha.retail.giftcard;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import java.util.Objects;

/**
 * A SKU that sells gift cards: each unit sold activates one card worth what the line charged per
 * unit, valid for {@code validityMonths}. Put such SKUs in a tax category without VAT: under the EU
 * voucher rules (Directive (EU) 2016/1065, Art. 30a/30b of the VAT Directive) a multi-purpose
 * voucher is not a taxable supply when sold; the goods are taxed when it is redeemed.
 *
 * @param sku the SKU
 * @param validityMonths how long a card sold on it is valid, 1 to 120 months
 */
public record GiftCardProduct(Sku sku, int validityMonths) {

  /** Validates the period. */
  public GiftCardProduct {
    Objects.requireNonNull(sku, "sku");
    if (validityMonths < 1 || validityMonths > 120) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a gift card is valid for 1 to 120 months, not " + validityMonths);
    }
  }
}

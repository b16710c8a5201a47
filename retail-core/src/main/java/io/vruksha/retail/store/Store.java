package io.vruksha.retail.store;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.CashRounding;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;

/**
 * A store: the tenant that owns its registers, stock, sales and documents.
 *
 * @param id the store's identity
 * @param name its name, printed on receipts
 * @param currency the currency it sells in
 * @param zone its time zone, in which promotion hours and business days are read
 * @param cashRounding how cash payments are rounded (CHF to 0.05), {@link CashRounding#NONE} if not
 */
public record Store(
    StoreId id, String name, Currency currency, ZoneId zone, CashRounding cashRounding) {

  /** Validates the name. */
  public Store {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(cashRounding, "cashRounding");
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "store " + id + " needs a name");
    }
  }
}

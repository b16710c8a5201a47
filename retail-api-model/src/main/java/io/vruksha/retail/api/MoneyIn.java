package io.vruksha.retail.api;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.UnitPrice;
import java.util.List;
import java.util.function.BiFunction;

/** Money as the API takes it: an amount string and a currency. */
public record MoneyIn(String amount, String currency) {
  /** As money; a bad amount or currency is a 400 naming the field. */
  public Money toMoney(String field) {
    return parse(field, Money::of);
  }

  /**
   * As a price per unit, exactly, which may be finer than the currency (a cost of {@code "2.7812"},
   * to {@link UnitPrice#MAX_SCALE} decimals); a bad or negative amount, or one with more decimals,
   * is a 400 naming the field, never rounded.
   */
  public UnitPrice toUnitPrice(String field) {
    return parse(field, UnitPrice::of);
  }

  private <T> T parse(String field, BiFunction<String, String, T> reader) {
    if (amount == null || currency == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + " needs an amount and a currency", List.of(field));
    }
    try {
      return reader.apply(amount, currency);
    } catch (RetailException e) {
      throw new InvalidInputException(e.code(), field + ": " + e.getMessage(), List.of(field));
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          field + ": '" + amount + " " + currency + "' is not an amount of money",
          List.of(field));
    }
  }
}

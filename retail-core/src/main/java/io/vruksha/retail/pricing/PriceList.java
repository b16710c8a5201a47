package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * The header of a price list: where, for whom and when its prices apply, and how it ranks against
 * other lists. The prices themselves are {@link PriceEntry entries} in a {@link PriceBook}.
 *
 * <p>A list applies to a sale when its store matches (or it is for every store), its currency is
 * the sale's, the sale's instant lies in {@code [validFrom, validTo)}, and its customer group (if
 * any) is the customer's. Among applicable lists, {@link PriceResolver} picks one by the documented
 * order.
 *
 * @param id the list's identity
 * @param name a name for people ("Summer sale", "Trade prices")
 * @param store the one store it is for, or empty for every store
 * @param currency the currency of every price in it
 * @param customerGroup the customer group it is for, or empty for everyone
 * @param validFrom first instant it applies, or empty for "always has"
 * @param validTo first instant it no longer applies, or empty for "until further notice"
 * @param priority higher wins over lower
 * @param pricesIncludeTax true when its prices are gross (tax-inclusive), false when net
 */
public record PriceList(
    PriceListId id,
    String name,
    Optional<StoreId> store,
    Currency currency,
    Optional<CustomerGroupId> customerGroup,
    Optional<Instant> validFrom,
    Optional<Instant> validTo,
    int priority,
    boolean pricesIncludeTax) {

  /** Validates the name and the validity window. */
  public PriceList {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(customerGroup, "customerGroup");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validTo, "validTo");
    validFrom = validFrom.map(Instants::micros);
    validTo = validTo.map(Instants::micros);
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "price list " + id + " needs a name");
    }
    if (validFrom.isPresent() && validTo.isPresent() && !validFrom.get().isBefore(validTo.get())) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "price list "
              + id
              + " ends ("
              + validTo.get()
              + ") before it starts ("
              + validFrom.get()
              + ")");
    }
  }

  /** A list for every store and every customer, always valid, priority 0. */
  public static PriceList standard(
      PriceListId id, String name, Currency currency, boolean pricesIncludeTax) {
    return new PriceList(
        id,
        name,
        Optional.empty(),
        currency,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        pricesIncludeTax);
  }

  /** True when this list applies to {@code query}. */
  public boolean appliesTo(PriceQuery query) {
    return store.map(query.store()::equals).orElse(true)
        && currency.equals(query.currency())
        && customerGroup.map(g -> query.customerGroup().map(g::equals).orElse(false)).orElse(true)
        && validFrom.map(f -> !query.at().isBefore(f)).orElse(true)
        && validTo.map(t -> query.at().isBefore(t)).orElse(true);
  }

  /** This list limited to one store. */
  public PriceList forStore(StoreId store) {
    return new PriceList(
        id,
        name,
        Optional.of(store),
        currency,
        customerGroup,
        validFrom,
        validTo,
        priority,
        pricesIncludeTax);
  }

  /** This list limited to one customer group. */
  public PriceList forGroup(CustomerGroupId group) {
    return new PriceList(
        id,
        name,
        store,
        currency,
        Optional.of(group),
        validFrom,
        validTo,
        priority,
        pricesIncludeTax);
  }

  /** This list valid in {@code [from, to)}. */
  public PriceList validBetween(Instant from, Instant to) {
    return new PriceList(
        id,
        name,
        store,
        currency,
        customerGroup,
        Optional.of(from),
        Optional.of(to),
        priority,
        pricesIncludeTax);
  }

  /** This list with another priority. */
  public PriceList withPriority(int priority) {
    return new PriceList(
        id, name, store, currency, customerGroup, validFrom, validTo, priority, pricesIncludeTax);
  }
}

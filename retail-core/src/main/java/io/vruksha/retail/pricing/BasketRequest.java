package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A basket to price: the store, the lines in the order they were scanned, the customer, coupon
 * codes and an optional manual basket discount.
 *
 * @param store the selling store
 * @param at the instant to price at; empty means "now" by the engine's clock
 * @param shopper the customer
 * @param lines the lines, at least one, at most {@link #MAX_LINES}
 * @param couponCodes coupon codes presented
 * @param basketDiscount a manual discount on the whole basket; needs BASKET_DISCOUNT
 */
public record BasketRequest(
    StoreId store,
    Optional<Instant> at,
    Shopper shopper,
    List<BasketLine> lines,
    Set<String> couponCodes,
    Optional<ManualDiscount> basketDiscount) {

  /** The most lines one basket may carry; a larger one is refused as absurd input. */
  public static final int MAX_LINES = 1_000;

  /** Validates the line count and copies the collections. */
  public BasketRequest {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(at, "at");
    at = at.map(Instants::micros);
    Objects.requireNonNull(shopper, "shopper");
    Objects.requireNonNull(basketDiscount, "basketDiscount");
    lines = List.copyOf(lines);
    couponCodes = Set.copyOf(couponCodes);
    if (lines.isEmpty()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a basket needs at least one line");
    }
    if (lines.size() > MAX_LINES) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a basket may carry at most " + MAX_LINES + " lines, this one has " + lines.size());
    }
  }

  /** Starts a basket for {@code store}. */
  public static Builder builder(StoreId store) {
    return new Builder(store);
  }

  /** Collects a basket line by line. Not thread-safe. */
  public static final class Builder {
    private final StoreId store;
    private Instant at;
    private Shopper shopper = Shopper.ANONYMOUS;
    private final List<BasketLine> lines = new ArrayList<>();
    private final Set<String> coupons = new LinkedHashSet<>();
    private ManualDiscount basketDiscount;

    private Builder(StoreId store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** Adds {@code quantity} of a SKU or barcode. */
    public Builder add(String code, Quantity quantity) {
      return add(BasketLine.of(code, quantity));
    }

    /** Adds {@code pieces} pieces of a SKU or barcode. */
    public Builder add(String code, long pieces) {
      return add(BasketLine.of(code, Quantity.each(pieces)));
    }

    /** Adds one scan of a barcode. */
    public Builder scan(String code) {
      return add(BasketLine.scan(code));
    }

    /** Adds a prepared line. */
    public Builder add(BasketLine line) {
      lines.add(line);
      return this;
    }

    /** The customer. */
    public Builder shopper(Shopper shopper) {
      this.shopper = shopper;
      return this;
    }

    /** Presents a coupon code. */
    public Builder coupon(String code) {
      coupons.add(code);
      return this;
    }

    /** Prices at {@code at} instead of now. */
    public Builder at(Instant at) {
      this.at = at;
      return this;
    }

    /** A manual discount on the whole basket. */
    public Builder discount(ManualDiscount discount) {
      this.basketDiscount = discount;
      return this;
    }

    /** The basket. */
    public BasketRequest build() {
      return new BasketRequest(
          store,
          Optional.ofNullable(at),
          shopper,
          lines,
          coupons,
          Optional.ofNullable(basketDiscount));
    }
  }
}

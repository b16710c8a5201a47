package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Sku;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the effective price of a SKU from the price book.
 *
 * <p>Among the lists that {@link PriceList#appliesTo apply} to the query, the winner is, in order:
 *
 * <ol>
 *   <li>the highest {@link PriceList#priority() priority};
 *   <li>then a list for the customer's group over a list for everyone;
 *   <li>then a list for this store over a list for every store;
 *   <li>then the lower price (the customer's benefit when two lists tie);
 *   <li>then the smaller list id, so the answer never depends on storage order.
 * </ol>
 *
 * <p>Thread-safe: holds only the (thread-safe) price book.
 */
public final class PriceResolver {

  private static final Comparator<PriceEntry> PRECEDENCE =
      Comparator.comparingInt((PriceEntry e) -> e.list().priority())
          .reversed()
          .thenComparing(e -> e.list().customerGroup().isEmpty())
          .thenComparing(e -> e.list().store().isEmpty())
          .thenComparing(e -> e.price().amount())
          .thenComparing(e -> e.list().id());

  private final PriceBook book;

  /** A resolver reading {@code book}. */
  public PriceResolver(PriceBook book) {
    this.book = Objects.requireNonNull(book, "book");
  }

  /** The effective price of {@code sku} for {@code query}, if any list prices it. */
  public Optional<ResolvedPrice> resolve(Sku sku, PriceQuery query) {
    return pick(book.entries(sku, query.store(), query.currency()), query);
  }

  /** Like {@link #resolve} but a missing price is an error naming the SKU, store and currency. */
  public ResolvedPrice require(Sku sku, PriceQuery query) {
    return resolve(sku, query).orElseThrow(() -> missing(sku, query));
  }

  static NotFoundException missing(Sku sku, PriceQuery query) {
    return new NotFoundException(
        ErrorCode.PRICE_NOT_FOUND,
        "no price list prices "
            + sku
            + " in "
            + query.currency().getCurrencyCode()
            + " for store "
            + query.store()
            + " at "
            + query.at());
  }

  /** Applies the documented precedence to candidate entries; exposed for adapters' tests. */
  static Optional<ResolvedPrice> pick(List<PriceEntry> entries, PriceQuery query) {
    return entries.stream()
        .filter(e -> e.list().appliesTo(query))
        .min(PRECEDENCE)
        .map(e -> new ResolvedPrice(e.price(), e.list().id(), e.list().pricesIncludeTax()));
  }
}

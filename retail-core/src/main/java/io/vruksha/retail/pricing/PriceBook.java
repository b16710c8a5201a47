package io.vruksha.retail.pricing;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Port: where price lists and their prices are kept, with the history of every price change.
 *
 * <p>Which price applies is a business rule and lives in {@link PriceResolver}; an adapter only
 * stores and finds. Implementations must be thread-safe.
 */
public interface PriceBook {

  /** Creates or replaces a list's header; its prices are kept. */
  void saveList(PriceList list);

  /** The list with this id. */
  Optional<PriceList> list(PriceListId id);

  /** Every list header. */
  List<PriceList> lists();

  /**
   * Sets a SKU's price in a list and records the change in the history.
   *
   * @throws io.vruksha.retail.NotFoundException when the list does not exist
   * @throws io.vruksha.retail.InvalidInputException when the price's currency is not the list's
   * @return the recorded change
   */
  PriceChange setPrice(PriceListId list, Sku sku, UnitPrice price, Instant at, String changedBy);

  /**
   * Every entry for {@code sku} in lists of {@code currency} that are for {@code store} or for
   * every store, whatever their validity; {@link PriceResolver} filters and ranks them.
   */
  List<PriceEntry> entries(Sku sku, StoreId store, Currency currency);

  /** The price changes of {@code sku} across all lists, oldest first. */
  List<PriceChange> history(Sku sku);
}

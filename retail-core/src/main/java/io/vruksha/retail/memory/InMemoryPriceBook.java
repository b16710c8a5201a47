package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceChange;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link PriceBook} in memory. Thread-safe: list headers and prices sit in concurrent maps keyed so
 * that {@link #entries} is one lookup by SKU; a price change and its history row are written under
 * the SKU's monitor so the history order matches the order of changes.
 */
public final class InMemoryPriceBook implements PriceBook {

  private final Map<PriceListId, PriceList> lists = new ConcurrentHashMap<>();
  private final Map<Sku, Map<PriceListId, UnitPrice>> pricesBySku = new ConcurrentHashMap<>();
  private final Map<Sku, List<PriceChange>> history = new ConcurrentHashMap<>();

  @Override
  public void saveList(PriceList list) {
    lists.put(list.id(), list);
  }

  @Override
  public Optional<PriceList> list(PriceListId id) {
    return Optional.ofNullable(lists.get(id));
  }

  @Override
  public List<PriceList> lists() {
    return lists.values().stream().sorted(Comparator.comparing(PriceList::id)).toList();
  }

  @Override
  public PriceChange setPrice(
      PriceListId listId, Sku sku, UnitPrice price, Instant at, String changedBy) {
    PriceList list =
        list(listId)
            .orElseThrow(
                () -> new NotFoundException(ErrorCode.NOT_FOUND, "no price list " + listId));
    new PriceEntry(list, sku, price); // validates the currency before anything changes
    Map<PriceListId, UnitPrice> prices =
        pricesBySku.computeIfAbsent(sku, s -> new ConcurrentHashMap<>());
    synchronized (prices) {
      Optional<UnitPrice> before = Optional.ofNullable(prices.put(listId, price));
      PriceChange change = new PriceChange(listId, sku, before, price, at, changedBy);
      history.computeIfAbsent(sku, s -> new CopyOnWriteArrayList<>()).add(change);
      return change;
    }
  }

  @Override
  public List<PriceEntry> entries(Sku sku, StoreId store, Currency currency) {
    Map<PriceListId, UnitPrice> prices = pricesBySku.getOrDefault(sku, Map.of());
    List<PriceEntry> result = new ArrayList<>(prices.size());
    for (Map.Entry<PriceListId, UnitPrice> e : new HashMap<>(prices).entrySet()) {
      PriceList list = lists.get(e.getKey());
      if (list != null
          && list.currency().equals(currency)
          && list.store().map(store::equals).orElse(true)) {
        result.add(new PriceEntry(list, sku, e.getValue()));
      }
    }
    return result;
  }

  @Override
  public List<PriceChange> history(Sku sku) {
    return List.copyOf(history.getOrDefault(sku, List.of()));
  }
}

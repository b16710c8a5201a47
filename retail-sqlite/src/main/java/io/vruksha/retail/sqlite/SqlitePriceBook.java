package io.vruksha.retail.sqlite;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceChange;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link PriceBook} on SQLite ({@code price_lists}, {@code prices}, {@code price_history}): list
 * headers as JSON documents with their store and currency beside them, so {@link #entries} is one
 * indexed lookup by SKU; a price and its history row are written in one unit of work, and the
 * history reads back in the order of the changes. Prices are exact decimal strings. Thread-safe.
 */
public final class SqlitePriceBook implements PriceBook, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The price book of {@code db}. */
  public SqlitePriceBook(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveList(PriceList list) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO price_lists VALUES (:id, :s, :c, :doc) ON CONFLICT (price_list_id)"
                        + " DO UPDATE SET store_id = :s, currency = :c, document = :doc")
                .bind("id", list.id().value())
                .bind("s", list.store().map(StoreId::value).orElse(null))
                .bind("c", list.currency().getCurrencyCode())
                .bind("doc", DocumentJson.write(list))
                .execute());
  }

  @Override
  public Optional<PriceList> list(PriceListId id) {
    return work.with(h -> list(h, id));
  }

  private static Optional<PriceList> list(Handle h, PriceListId id) {
    return h.createQuery("SELECT document FROM price_lists WHERE price_list_id = :id")
        .bind("id", id.value())
        .mapTo(String.class)
        .findOne()
        .map(d -> DocumentJson.read(d, PriceList.class));
  }

  /** Every list header, ordered by id as the in-memory book orders them. */
  @Override
  public List<PriceList> lists() {
    List<PriceList> lists =
        new ArrayList<>(
            work.with(
                h ->
                    h.createQuery("SELECT document FROM price_lists")
                        .mapTo(String.class)
                        .map(d -> DocumentJson.read(d, PriceList.class))
                        .list()));
    // in Java, not SQL: String order (UTF-16), which SQLite's byte order is not for every text
    lists.sort(Comparator.comparing(PriceList::id));
    return lists;
  }

  @Override
  public PriceChange setPrice(
      PriceListId listId, Sku sku, UnitPrice price, Instant at, String changedBy) {
    return work.write(
        h -> {
          PriceList list =
              list(h, listId)
                  .orElseThrow(
                      () -> new NotFoundException(ErrorCode.NOT_FOUND, "no price list " + listId));
          new PriceEntry(list, sku, price); // validates the currency before anything changes
          Optional<UnitPrice> before =
              h.createQuery(
                      "SELECT unit_price, currency FROM prices"
                          + " WHERE price_list_id = :l AND sku = :s")
                  .bind("l", listId.value())
                  .bind("s", sku.value())
                  .map((rs, ctx) -> price(rs.getString(1), rs.getString(2)))
                  .findOne();
          PriceChange change = new PriceChange(listId, sku, before, price, at, changedBy);
          h.createUpdate(
                  "INSERT INTO prices VALUES (:s, :l, :p, :c)"
                      + " ON CONFLICT (sku, price_list_id) DO UPDATE SET unit_price = :p, currency = :c")
              .bind("l", listId.value())
              .bind("s", sku.value())
              .bind("p", SqliteValues.decimal(price.amount()))
              .bind("c", price.currency().getCurrencyCode())
              .execute();
          h.createUpdate(
                  "INSERT INTO price_history (price_list_id, sku, before_price, before_currency,"
                      + " after_price, currency, changed_at, changed_by)"
                      + " VALUES (:l, :s, :b, :bc, :a, :c, :at, :by)")
              .bind("l", listId.value())
              .bind("s", sku.value())
              .bind("b", before.map(b -> SqliteValues.decimal(b.amount())).orElse(null))
              .bind("a", SqliteValues.decimal(price.amount()))
              .bind("bc", before.map(b -> b.currency().getCurrencyCode()).orElse(null))
              .bind("c", price.currency().getCurrencyCode())
              .bind("at", change.at() == null ? null : SqliteValues.micros(change.at()))
              .bind("by", changedBy)
              .execute();
          return change;
        });
  }

  @Override
  public List<PriceEntry> entries(Sku sku, StoreId store, Currency currency) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT l.document, p.unit_price, p.currency FROM prices p JOIN price_lists l"
                        + " USING (price_list_id) WHERE p.sku = :s AND l.currency = :c"
                        + " AND (l.store_id IS NULL OR l.store_id = :store) ORDER BY price_list_id")
                .bind("s", sku.value())
                .bind("c", currency.getCurrencyCode())
                .bind("store", store.value())
                .map(
                    (rs, ctx) ->
                        new PriceEntry(
                            DocumentJson.read(rs.getString(1), PriceList.class),
                            sku,
                            price(rs.getString(2), rs.getString(3))))
                .list());
  }

  /** A stored price in the currency it was set in (a list's header may change it since). */
  private static UnitPrice price(String amount, String currency) {
    return new UnitPrice(SqliteValues.decimal(amount), Currency.getInstance(currency));
  }

  @Override
  public List<PriceChange> history(Sku sku) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM price_history WHERE sku = :s ORDER BY id")
                .bind("s", sku.value())
                .map(
                    (rs, ctx) -> {
                      String before = rs.getString("before_price");
                      return new PriceChange(
                          PriceListId.of(rs.getString("price_list_id")),
                          sku,
                          before == null
                              ? Optional.empty()
                              : Optional.of(price(before, rs.getString("before_currency"))),
                          price(rs.getString("after_price"), rs.getString("currency")),
                          rs.getObject("changed_at") == null
                              ? null
                              : SqliteValues.instant(rs.getLong("changed_at")),
                          rs.getString("changed_by"));
                    })
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

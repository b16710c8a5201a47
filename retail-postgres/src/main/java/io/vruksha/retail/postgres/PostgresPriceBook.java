package io.vruksha.retail.postgres;

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
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * {@link PriceBook} on PostgreSQL ({@code price_lists}, {@code prices}, {@code price_history}):
 * {@link #entries} is one indexed lookup by SKU. Thread-safe.
 */
public final class PostgresPriceBook implements PriceBook {

  private final PostgresUnitOfWork work;

  /** The price book of {@code db}. */
  public PostgresPriceBook(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveList(PriceList list) {
    work.with(
        h -> {
          Audit.record(h, "price_list", list.id().value(), list(list.id()), Optional.of(list));
          return h.createUpdate(
                  "INSERT INTO price_lists VALUES (:id, :s, :c, CAST(:doc AS jsonb)) ON CONFLICT (price_list_id)"
                      + " DO UPDATE SET store_id = :s, currency = :c, document = CAST(:doc AS jsonb)")
              .bind("id", list.id().value())
              .bind("s", list.store().map(StoreId::value).orElse(null))
              .bind("c", list.currency().getCurrencyCode())
              .bind("doc", DocumentJson.write(list))
              .execute();
        });
  }

  @Override
  public Optional<PriceList> list(PriceListId id) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM price_lists WHERE price_list_id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, PriceList.class)));
  }

  @Override
  public List<PriceList> lists() {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM price_lists ORDER BY price_list_id")
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, PriceList.class))
                .list());
  }

  @Override
  public PriceChange setPrice(
      PriceListId listId, Sku sku, UnitPrice price, Instant at, String changedBy) {
    PriceList list =
        list(listId)
            .orElseThrow(
                () -> new NotFoundException(ErrorCode.NOT_FOUND, "no price list " + listId));
    new PriceEntry(list, sku, price); // validates the currency before anything changes
    return work.with(
        h -> {
          Optional<UnitPrice> before =
              h.createQuery(
                      "SELECT unit_price FROM prices WHERE price_list_id = :l AND sku = :s FOR UPDATE")
                  .bind("l", listId.value())
                  .bind("s", sku.value())
                  .mapTo(BigDecimal.class)
                  .findOne()
                  .map(p -> new UnitPrice(p, list.currency()));
          h.createUpdate(
                  "INSERT INTO prices VALUES (:l, :s, :p) ON CONFLICT (sku, price_list_id) DO UPDATE SET unit_price = :p")
              .bind("l", listId.value())
              .bind("s", sku.value())
              .bind("p", price.amount())
              .execute();
          h.createUpdate(
                  "INSERT INTO price_history (price_list_id, sku, before_price, after_price, currency, changed_at, changed_by)"
                      + " VALUES (:l, :s, :b, :a, :c, :at, :by)")
              .bind("l", listId.value())
              .bind("s", sku.value())
              .bind("b", before.map(UnitPrice::amount).orElse(null))
              .bind("a", price.amount())
              .bind("c", list.currency().getCurrencyCode())
              .bind("at", Timestamp.from(at))
              .bind("by", changedBy)
              .execute();
          return new PriceChange(listId, sku, before, price, at, changedBy);
        });
  }

  @Override
  public List<PriceEntry> entries(Sku sku, StoreId store, Currency currency) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT l.document::text, p.unit_price FROM prices p JOIN price_lists l USING (price_list_id)"
                        + " WHERE p.sku = :s AND l.currency = :c AND (l.store_id IS NULL OR l.store_id = :store)")
                .bind("s", sku.value())
                .bind("c", currency.getCurrencyCode())
                .bind("store", store.value())
                .map(
                    (rs, ctx) -> {
                      PriceList list = DocumentJson.read(rs.getString(1), PriceList.class);
                      return new PriceEntry(
                          list, sku, new UnitPrice(rs.getBigDecimal(2), currency));
                    })
                .list());
  }

  @Override
  public List<PriceChange> history(Sku sku) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM price_history WHERE sku = :s ORDER BY id")
                .bind("s", sku.value())
                .map(
                    (rs, ctx) -> {
                      Currency c = Currency.getInstance(rs.getString("currency"));
                      return new PriceChange(
                          PriceListId.of(rs.getString("price_list_id")),
                          sku,
                          Optional.ofNullable(rs.getBigDecimal("before_price"))
                              .map(p -> new UnitPrice(p, c)),
                          new UnitPrice(rs.getBigDecimal("after_price"), c),
                          rs.getTimestamp("changed_at").toInstant(),
                          rs.getString("changed_by"));
                    })
                .list());
  }
}

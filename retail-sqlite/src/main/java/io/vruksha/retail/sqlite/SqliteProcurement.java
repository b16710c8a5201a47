package io.vruksha.retail.sqlite;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.List;
import java.util.Optional;

/**
 * {@link Procurement} on SQLite: suppliers as JSON documents with a row per SKU they supply (for
 * {@link #suppliersOf}, listed by supplier id), purchase orders as JSON documents beside their
 * store, supplier, status and creation instant (listed by creation instant, then id), as PostgreSQL
 * keeps them. Thread-safe (one writer at a time).
 */
public final class SqliteProcurement implements Procurement, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The procurement data of {@code db}. */
  public SqliteProcurement(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveSupplier(Supplier s) {
    work.write(
        h -> {
          h.createUpdate(
                  "INSERT INTO suppliers VALUES (:id, :doc)"
                      + " ON CONFLICT (supplier_id) DO UPDATE SET document = :doc")
              .bind("id", s.id())
              .bind("doc", DocumentJson.write(s))
              .execute();
          h.createUpdate("DELETE FROM supplier_items WHERE supplier_id = :id")
              .bind("id", s.id())
              .execute();
          for (Sku sku : s.items().keySet()) {
            h.createUpdate("INSERT INTO supplier_items VALUES (:sku, :id)")
                .bind("sku", sku.value())
                .bind("id", s.id())
                .execute();
          }
          return null;
        });
  }

  @Override
  public Optional<Supplier> supplier(String id) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM suppliers WHERE supplier_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Supplier.class)));
  }

  @Override
  public List<Supplier> suppliersOf(Sku sku) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT s.document FROM supplier_items i JOIN suppliers s USING (supplier_id)"
                        + " WHERE i.sku = :sku ORDER BY s.supplier_id COLLATE JAVA")
                .bind("sku", sku.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Supplier.class))
                .list());
  }

  @Override
  public void saveOrder(PurchaseOrder o) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO purchase_orders VALUES (:id, :s, :sup, :st, :at, :doc)"
                        + " ON CONFLICT (order_id) DO UPDATE SET store_id = :s, supplier_id = :sup,"
                        + " status = :st, created_at = :at, document = :doc")
                .bind("id", o.id())
                .bind("s", o.store().value())
                .bind("sup", o.supplierId())
                .bind("st", o.status().name())
                .bind("at", SqliteValues.micros(o.createdAt()))
                .bind("doc", DocumentJson.write(o))
                .execute());
  }

  @Override
  public Optional<PurchaseOrder> order(String id) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM purchase_orders WHERE order_id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, PurchaseOrder.class)));
  }

  @Override
  public List<PurchaseOrder> orders(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM purchase_orders WHERE store_id = :s"
                        + " ORDER BY created_at, order_id COLLATE JAVA")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, PurchaseOrder.class))
                .list());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

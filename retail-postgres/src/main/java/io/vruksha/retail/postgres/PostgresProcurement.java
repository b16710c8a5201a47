package io.vruksha.retail.postgres;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.procurement.PurchaseOrder;
import io.vruksha.retail.procurement.Supplier;
import io.vruksha.retail.store.StoreId;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** {@link Procurement} on PostgreSQL ({@code suppliers}, {@code purchase_orders}). Thread-safe. */
public final class PostgresProcurement implements Procurement {

  private final PostgresUnitOfWork work;

  /** The procurement data of {@code db}. */
  public PostgresProcurement(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void saveSupplier(Supplier s) {
    work.with(
        h -> {
          h.createUpdate(
                  "INSERT INTO suppliers VALUES (:id, CAST(:doc AS jsonb))"
                      + " ON CONFLICT (supplier_id) DO UPDATE SET document = CAST(:doc AS jsonb)")
              .bind("id", s.id())
              .bind("doc", DocumentJson.write(s))
              .execute();
          h.createUpdate("DELETE FROM supplier_items WHERE supplier_id = :id")
              .bind("id", s.id())
              .execute();
          s.items()
              .keySet()
              .forEach(
                  sku ->
                      h.createUpdate("INSERT INTO supplier_items VALUES (:id, :sku)")
                          .bind("id", s.id())
                          .bind("sku", sku.value())
                          .execute());
          return null;
        });
  }

  @Override
  public Optional<Supplier> supplier(String id) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM suppliers WHERE supplier_id = :id")
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
                    "SELECT s.document::text FROM supplier_items i JOIN suppliers s USING (supplier_id)"
                        + " WHERE i.sku = :sku ORDER BY s.supplier_id")
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
                    "INSERT INTO purchase_orders VALUES (:id, :s, :sup, :st, :at, CAST(:doc AS jsonb))"
                        + " ON CONFLICT (order_id) DO UPDATE SET status = :st, document = CAST(:doc AS jsonb)")
                .bind("id", o.id())
                .bind("s", o.store().value())
                .bind("sup", o.supplierId())
                .bind("st", o.status().name())
                .bind("at", Timestamp.from(o.createdAt()))
                .bind("doc", DocumentJson.write(o))
                .execute());
  }

  @Override
  public Optional<PurchaseOrder> order(String id) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM purchase_orders WHERE order_id = :id")
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
                    "SELECT document::text FROM purchase_orders WHERE store_id = :s ORDER BY created_at, order_id")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, PurchaseOrder.class))
                .list());
  }
}

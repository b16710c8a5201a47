package io.vruksha.retail.sqlite;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.warranty.Warranty;
import io.vruksha.retail.warranty.WarrantyBook;
import io.vruksha.retail.warranty.WarrantyClaim;
import io.vruksha.retail.warranty.WarrantyPolicy;
import java.util.List;
import java.util.Optional;

/**
 * {@link WarrantyBook} on SQLite: policies per SKU, one warranty per store and serial, claims on
 * them, each a JSON document beside the columns it is found and ordered by (as PostgreSQL orders
 * them). A serial sold again while its warranty is active is refused ({@code DUPLICATE}), as in
 * every adapter. Thread-safe.
 */
public final class SqliteWarrantyBook implements WarrantyBook {

  private final SqliteUnitOfWork work;

  /** The warranty book of {@code db}. */
  public SqliteWarrantyBook(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void savePolicy(WarrantyPolicy policy) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO warranty_policies (sku, document) VALUES (:sku, :doc)"
                        + " ON CONFLICT (sku) DO UPDATE SET document = :doc")
                .bind("sku", policy.sku().value())
                .bind("doc", DocumentJson.write(policy))
                .execute());
  }

  @Override
  public Optional<WarrantyPolicy> policy(Sku sku) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM warranty_policies WHERE sku = :sku")
                .bind("sku", sku.value())
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, WarrantyPolicy.class)));
  }

  @Override
  public void save(Warranty w) {
    work.write(
        h -> {
          Optional<Warranty> before = bySerial(w.store(), w.serial());
          if (before.isPresent()
              && before.get().status() == Warranty.Status.ACTIVE
              && w.status() == Warranty.Status.ACTIVE
              && !before.get().saleId().equals(w.saleId())) {
            throw new RuleViolationException(
                ErrorCode.DUPLICATE,
                "serial "
                    + w.serial()
                    + " was already sold on receipt "
                    + before.get().receiptNumber());
          }
          return h.createUpdate(
                  "INSERT INTO warranties (store_id, serial, receipt_number, line_index,"
                      + " starts_at, document) VALUES (:s, :serial, :r, :i, :at, :doc)"
                      + " ON CONFLICT (store_id, serial) DO UPDATE SET receipt_number = :r,"
                      + " line_index = :i, starts_at = :at, document = :doc")
              .bind("s", w.store().value())
              .bind("serial", w.serial())
              .bind("r", w.receiptNumber())
              .bind("i", w.lineIndex())
              .bind("at", SqliteValues.micros(w.startsAt()))
              .bind("doc", DocumentJson.write(w))
              .execute();
        });
  }

  @Override
  public Optional<Warranty> bySerial(StoreId store, String serial) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM warranties WHERE store_id = :s AND serial = :serial")
                .bind("s", store.value())
                .bind("serial", serial)
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, Warranty.class)));
  }

  @Override
  public List<Warranty> byReceipt(StoreId store, String receiptNumber) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM warranties WHERE store_id = :s AND receipt_number = :r"
                        + " ORDER BY line_index, serial")
                .bind("s", store.value())
                .bind("r", receiptNumber)
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Warranty.class))
                .list());
  }

  @Override
  public List<Warranty> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM warranties WHERE store_id = :s"
                        + " ORDER BY starts_at DESC, serial")
                .bind("s", store.value())
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, Warranty.class))
                .list());
  }

  @Override
  public void addClaim(WarrantyClaim claim) {
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO warranty_claims (store_id, claim_id, serial, claimed_at, document)"
                        + " VALUES (:s, :id, :serial, :at, :doc)")
                .bind("s", claim.store().value())
                .bind("id", claim.id())
                .bind("serial", claim.serial())
                .bind("at", SqliteValues.micros(claim.at()))
                .bind("doc", DocumentJson.write(claim))
                .execute());
  }

  @Override
  public List<WarrantyClaim> claims(StoreId store, String serial) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT document FROM warranty_claims WHERE store_id = :s AND serial = :serial"
                        + " ORDER BY claimed_at, claim_id")
                .bind("s", store.value())
                .bind("serial", serial)
                .mapTo(String.class)
                .map(d -> DocumentJson.read(d, WarrantyClaim.class))
                .list());
  }
}

package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.warranty.Warranty;
import io.vruksha.retail.warranty.WarrantyBook;
import io.vruksha.retail.warranty.WarrantyClaim;
import io.vruksha.retail.warranty.WarrantyPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * {@link WarrantyBook} on PostgreSQL. A serial's row is written with one upsert that replaces it
 * only when it is void or belongs to the same sale, so two tills selling one serial at once cannot
 * both register it. Thread-safe.
 */
public final class PostgresWarrantyBook implements WarrantyBook {

  private final PostgresUnitOfWork work;

  /** The warranties of {@code db}. */
  public PostgresWarrantyBook(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void savePolicy(WarrantyPolicy policy) {
    work.with(
        h ->
            h.createUpdate(
                    "INSERT INTO warranty_policies VALUES (:k, :m)"
                        + " ON CONFLICT (sku) DO UPDATE SET months = :m")
                .bind("k", policy.sku().value())
                .bind("m", policy.months())
                .execute());
  }

  @Override
  public Optional<WarrantyPolicy> policy(Sku sku) {
    return work.with(
        h ->
            h.createQuery("SELECT months FROM warranty_policies WHERE sku = :k")
                .bind("k", sku.value())
                .mapTo(Integer.class)
                .findOne()
                .map(m -> new WarrantyPolicy(sku, m)));
  }

  @Override
  public void save(Warranty w) {
    int written =
        work.with(
            h ->
                h.createUpdate(
                        "INSERT INTO warranties VALUES (:s, :serial, :k, :sale, :r, :i, :a, :b, :st)"
                            + " ON CONFLICT (store_id, serial) DO UPDATE SET sku = :k, sale_id = :sale,"
                            + " receipt_number = :r, line_index = :i, starts_at = :a, ends_at = :b,"
                            + " status = :st WHERE warranties.status = 'VOID' OR :st = 'VOID'"
                            + " OR warranties.sale_id = :sale")
                    .bind("s", w.store().value())
                    .bind("serial", w.serial())
                    .bind("k", w.sku().value())
                    .bind("sale", w.saleId())
                    .bind("r", w.receiptNumber())
                    .bind("i", w.lineIndex())
                    .bind("a", Timestamp.from(w.startsAt()))
                    .bind("b", Timestamp.from(w.endsAt()))
                    .bind("st", w.status().name())
                    .execute());
    if (written == 0) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE,
          "serial "
              + w.serial()
              + " was already sold on receipt "
              + bySerial(w.store(), w.serial()).map(Warranty::receiptNumber).orElse("?"));
    }
  }

  private static Warranty warranty(ResultSet rs) throws SQLException {
    return new Warranty(
        StoreId.of(rs.getString("store_id")),
        rs.getString("serial"),
        Sku.of(rs.getString("sku")),
        rs.getString("sale_id"),
        rs.getString("receipt_number"),
        rs.getInt("line_index"),
        rs.getTimestamp("starts_at").toInstant(),
        rs.getTimestamp("ends_at").toInstant(),
        Warranty.Status.valueOf(rs.getString("status")));
  }

  @Override
  public Optional<Warranty> bySerial(StoreId store, String serial) {
    return work.with(
        h ->
            h.createQuery("SELECT * FROM warranties WHERE store_id = :s AND serial = :serial")
                .bind("s", store.value())
                .bind("serial", serial)
                .map((rs, ctx) -> warranty(rs))
                .findOne());
  }

  @Override
  public List<Warranty> byReceipt(StoreId store, String receiptNumber) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM warranties WHERE store_id = :s AND receipt_number = :r"
                        + " ORDER BY line_index, serial")
                .bind("s", store.value())
                .bind("r", receiptNumber)
                .map((rs, ctx) -> warranty(rs))
                .list());
  }

  @Override
  public List<Warranty> list(StoreId store) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM warranties WHERE store_id = :s ORDER BY starts_at DESC, serial")
                .bind("s", store.value())
                .map((rs, ctx) -> warranty(rs))
                .list());
  }

  @Override
  public void addClaim(WarrantyClaim c) {
    work.with(
        h ->
            h.createUpdate("INSERT INTO warranty_claims VALUES (:s, :id, :serial, :at, :d, :by)")
                .bind("s", c.store().value())
                .bind("id", c.id())
                .bind("serial", c.serial())
                .bind("at", Timestamp.from(c.at()))
                .bind("d", c.description())
                .bind("by", c.staffId())
                .execute());
  }

  @Override
  public List<WarrantyClaim> claims(StoreId store, String serial) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT * FROM warranty_claims WHERE store_id = :s AND serial = :serial"
                        + " ORDER BY claimed_at, claim_id")
                .bind("s", store.value())
                .bind("serial", serial)
                .map(
                    (rs, ctx) ->
                        new WarrantyClaim(
                            store,
                            rs.getString("claim_id"),
                            serial,
                            rs.getTimestamp("claimed_at").toInstant(),
                            rs.getString("description"),
                            rs.getString("staff_id")))
                .list());
  }
}

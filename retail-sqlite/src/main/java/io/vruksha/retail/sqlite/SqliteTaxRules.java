package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.json.StoredJurisdiction;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Optional;

/**
 * {@link TaxRules} on SQLite: each store's jurisdiction as a JSON document of the same form
 * PostgreSQL keeps (its rules as a list). Thread-safe.
 */
public final class SqliteTaxRules implements TaxRules, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The tax rules of {@code db}. */
  public SqliteTaxRules(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void assign(StoreId store, TaxJurisdiction jurisdiction) {
    String document = DocumentJson.write(StoredJurisdiction.of(jurisdiction));
    work.write(
        h ->
            h.createUpdate(
                    "INSERT INTO tax_jurisdictions VALUES (:s, :doc)"
                        + " ON CONFLICT (store_id) DO UPDATE SET document = excluded.document")
                .bind("s", store.value())
                .bind("doc", document)
                .execute());
  }

  @Override
  public Optional<TaxJurisdiction> jurisdictionOf(StoreId store) {
    return work.with(
        h ->
            h.createQuery("SELECT document FROM tax_jurisdictions WHERE store_id = :s")
                .bind("s", store.value())
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, StoredJurisdiction.class).jurisdiction()));
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.json.StoredJurisdiction;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRules;
import java.util.Optional;

/** {@link TaxRules} on PostgreSQL: each store's jurisdiction as a JSON document. Thread-safe. */
public final class PostgresTaxRules implements TaxRules {

  private final PostgresUnitOfWork work;

  /** The tax rules of {@code db}. */
  public PostgresTaxRules(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void assign(StoreId store, TaxJurisdiction jurisdiction) {
    work.with(
        h -> {
          Audit.record(
              h,
              "tax_jurisdiction",
              store.value(),
              jurisdictionOf(store).map(StoredJurisdiction::of),
              Optional.of(StoredJurisdiction.of(jurisdiction)));
          return h.createUpdate(
                  "INSERT INTO tax_jurisdictions VALUES (:s, CAST(:doc AS jsonb))"
                      + " ON CONFLICT (store_id) DO UPDATE SET document = CAST(:doc AS jsonb)")
              .bind("s", store.value())
              .bind("doc", DocumentJson.write(StoredJurisdiction.of(jurisdiction)))
              .execute();
        });
  }

  @Override
  public Optional<TaxJurisdiction> jurisdictionOf(StoreId store) {
    return work.with(
        h ->
            h.createQuery("SELECT document::text FROM tax_jurisdictions WHERE store_id = :s")
                .bind("s", store.value())
                .mapTo(String.class)
                .findOne()
                .map(d -> DocumentJson.read(d, StoredJurisdiction.class).jurisdiction()));
  }
}

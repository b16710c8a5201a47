package io.vruksha.retail.sqlite;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.InclusiveSplit;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRoundingLevel;
import io.vruksha.retail.tax.TaxRule;
import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link TaxRules} on SQLite: each store's jurisdiction as a JSON document of the same form
 * PostgreSQL keeps (its rules as a list). Thread-safe.
 */
public final class SqliteTaxRules implements TaxRules, JoinsUnitOfWork {

  /**
   * The stored form: the rules as a list, since their map is keyed by a value type; a document
   * without an inclusive split reads as {@code ROUND_TAXES}, as PostgreSQL reads it.
   */
  record Stored(
      String code,
      String name,
      TaxRoundingLevel roundingLevel,
      RoundingMode roundingMode,
      boolean pricesIncludeTax,
      List<TaxRule> rules,
      InclusiveSplit inclusiveSplit) {

    static Stored of(TaxJurisdiction j) {
      return new Stored(
          j.code(),
          j.name(),
          j.roundingLevel(),
          j.roundingMode(),
          j.pricesIncludeTax(),
          List.copyOf(j.rules().values()),
          j.inclusiveSplit());
    }

    TaxJurisdiction jurisdiction() {
      TaxJurisdiction.Builder b =
          TaxJurisdiction.builder(code, name)
              .rounding(roundingLevel, roundingMode)
              .pricesIncludeTax(pricesIncludeTax)
              .inclusiveSplit(inclusiveSplit == null ? InclusiveSplit.ROUND_TAXES : inclusiveSplit);
      rules.stream().sorted(Comparator.comparing(r -> r.category().value())).forEach(b::rule);
      return b.build();
    }
  }

  private final SqliteUnitOfWork work;

  /** The tax rules of {@code db}. */
  public SqliteTaxRules(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void assign(StoreId store, TaxJurisdiction jurisdiction) {
    String document = DocumentJson.write(Stored.of(jurisdiction));
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
                .map(d -> DocumentJson.read(d, Stored.class).jurisdiction()));
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}

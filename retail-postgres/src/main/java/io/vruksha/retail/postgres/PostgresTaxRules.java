package io.vruksha.retail.postgres;

import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.InclusiveSplit;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRoundingLevel;
import io.vruksha.retail.tax.TaxRule;
import io.vruksha.retail.tax.TaxRules;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link TaxRules} on PostgreSQL: each store's jurisdiction as a JSON document. Thread-safe. */
public final class PostgresTaxRules implements TaxRules {

  /**
   * The stored form: the rules as a list, since their map is keyed by a value type. A document
   * written before the inclusive split, levies, thresholds and rates on top existed reads with
   * today's defaults ({@code ROUND_TAXES}, no levies, every rate as priced at every price).
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
              jurisdictionOf(store).map(Stored::of),
              Optional.of(Stored.of(jurisdiction)));
          return h.createUpdate(
                  "INSERT INTO tax_jurisdictions VALUES (:s, CAST(:doc AS jsonb))"
                      + " ON CONFLICT (store_id) DO UPDATE SET document = CAST(:doc AS jsonb)")
              .bind("s", store.value())
              .bind("doc", DocumentJson.write(Stored.of(jurisdiction)))
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
                .map(d -> DocumentJson.read(d, Stored.class).jurisdiction()));
  }
}

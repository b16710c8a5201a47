package io.vruksha.retail.json;

import io.vruksha.retail.tax.InclusiveSplit;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxRoundingLevel;
import io.vruksha.retail.tax.TaxRule;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * A tax jurisdiction as the stores keep it ({@link DocumentJson}): the rules as a list, since their
 * map is keyed by a value type. A document written before the inclusive split, levies, thresholds
 * and rates on top existed reads with today's defaults ({@code ROUND_TAXES}, no levies, every rate
 * as priced at every price). The PostgreSQL and SQLite stores write and read this one form.
 */
public record StoredJurisdiction(
    String code,
    String name,
    TaxRoundingLevel roundingLevel,
    RoundingMode roundingMode,
    boolean pricesIncludeTax,
    List<TaxRule> rules,
    InclusiveSplit inclusiveSplit) {

  /** The stored form of {@code j}. */
  public static StoredJurisdiction of(TaxJurisdiction j) {
    return new StoredJurisdiction(
        j.code(),
        j.name(),
        j.roundingLevel(),
        j.roundingMode(),
        j.pricesIncludeTax(),
        List.copyOf(j.rules().values()),
        j.inclusiveSplit());
  }

  /** The jurisdiction it stores. */
  public TaxJurisdiction jurisdiction() {
    TaxJurisdiction.Builder b =
        TaxJurisdiction.builder(code, name)
            .rounding(roundingLevel, roundingMode)
            .pricesIncludeTax(pricesIncludeTax)
            .inclusiveSplit(inclusiveSplit == null ? InclusiveSplit.ROUND_TAXES : inclusiveSplit);
    rules.stream().sorted(Comparator.comparing(r -> r.category().value())).forEach(b::rule);
    return b.build();
  }
}

package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.engine.TaxScenariosContract;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.InclusiveSplit;
import io.vruksha.retail.tax.TaxInclusion;
import io.vruksha.retail.tax.TaxJurisdiction;
import org.junit.jupiter.api.Test;

/**
 * The tax scenarios on PostgreSQL: tax rules, stores and sales written and read back through the
 * adapters. Plus a jurisdiction stored before levies and the inclusive split existed.
 */
class PostgresTaxScenariosIT extends TaxScenariosContract {

  @Override
  protected RetailEngine newEngine() {
    return PostgresAdapters.use(TestDatabase.fresh(), RetailEngine.builder()).build();
  }

  @Test
  void aJurisdictionStoredBeforeLeviesExistedReadsWithTodaysDefaults() {
    PostgresDatabase db = TestDatabase.fresh();
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO tax_jurisdictions VALUES ('old', CAST(? AS jsonb))",
                    "{\"code\":\"DE\",\"name\":\"Germany\",\"roundingLevel\":\"LINE\","
                        + "\"roundingMode\":\"HALF_UP\",\"pricesIncludeTax\":true,"
                        + "\"rules\":[{\"category\":{\"value\":\"standard\"},\"treatment\":\"STANDARD\","
                        + "\"rates\":[{\"code\":\"DE19\",\"name\":\"19%\",\"rate\":0.19,"
                        + "\"compound\":false}]}]}"));

    TaxJurisdiction j = new PostgresTaxRules(db).jurisdictionOf(StoreId.of("old")).orElseThrow();

    assertThat(j.inclusiveSplit()).isEqualTo(InclusiveSplit.ROUND_TAXES);
    assertThat(j.rules().values()).allSatisfy(r -> assertThat(r.levies()).isEmpty());
    assertThat(j.rules().values().iterator().next().rates().get(0).inclusion())
        .isEqualTo(TaxInclusion.AS_PRICED);
    assertThat(j.rules().values().iterator().next().rates().get(0).threshold()).isEmpty();
  }
}

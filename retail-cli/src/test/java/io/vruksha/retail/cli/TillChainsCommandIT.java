package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.sync.TillDocumentsOf;
import io.vruksha.retail.sync.TillScenarios;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The command line over what tills sold offline: {@code retail journal verify} verifies each till's
 * chain as the centre holds it and names the till and entry that is broken; {@code retail reconcile
 * stock} lists the SKUs sold offline below the centre's on hand.
 */
class TillChainsCommandIT {

  private static final StockKey MUG = StockKey.floor(DemoStore.ID, Sku.of("MUG"));

  /**
   * The seeded day, 40 of the centre's mugs written off, and till T01's 3 sales of 16 mugs each
   * (48, all of its own 50) taken.
   */
  private static SeededDay dayWithATill() {
    SeededDay day = new SeededDay();
    day.engine.useStore(
        DemoStore.ID, () -> day.engine.stock().adjust(MUG, new BigDecimal("-40"), "breakage"));
    RetailEngine till = TillScenarios.till("T01");
    for (int i = 1; i <= 3; i++) {
      TillScenarios.sell(till, "t-" + i, "MUG", 16, Optional.empty());
    }
    day.engine.tillSync().accept(DemoStore.ID, "T01", TillDocumentsOf.of(till, DemoStore.ID));
    return day;
  }

  @Test
  void journalVerifyVerifiesEveryTillChainAndNamesTheBrokenEntry() {
    SeededDay day = dayWithATill();
    CliRun ok = CliRun.run(day.env(), "journal", "verify", "--store", "demo");
    assertThat(ok.code()).as(ok.toString()).isEqualTo(Retail.OK);
    // the seeded day's 5 documents and the till's 3
    assertThat(ok.out())
        .contains("journal of demo verified: 8 documents")
        .contains("till chains verified (till entries): T01 3");

    day.db
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE till_journal SET content = replace(content, '|16|', '|6|')"
                        + " WHERE store_id = 'demo' AND till = 'T01' AND sequence = 2"));
    CliRun broken = CliRun.run(day.env(), "journal", "verify", "--store", "demo");
    assertThat(broken.code()).as(broken.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(broken.out())
        .contains(
            "till T01: entry 2 (S001-T01-2026-000002) was altered: its hash does not match its"
                + " content");
  }

  @Test
  void reconcileStockListsTheSkusSoldOfflineBelowTheCentresOnHand() {
    SeededDay day = dayWithATill();
    CliRun r = CliRun.run(day.env(), "reconcile", "stock", "--store", "demo");
    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.OK);
    long onHand =
        day.engine
            .inStore(DemoStore.ID, () -> day.engine.stock().ledger().level(MUG).onHand())
            .longValueExact();
    assertThat(onHand).isNegative();
    assertThat(r.out())
        .contains("oversold offline by till T01: MUG " + onHand + " (S001-T01-2026-000003)")
        .contains("stock of demo: no discrepancies");
  }
}
